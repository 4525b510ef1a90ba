using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Context;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Zaili.ServiceDefaults.Messaging;

public sealed class ConsumeTimeBoundOptions
{
    /// <summary>
    /// How long one attempt at a message may take before its work is cancelled and the attempt fails. A
    /// consume here is a few statements in one transaction; minutes mean it will not finish by itself.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>An attempt at a message ran past <see cref="ConsumeTimeBoundOptions.Timeout"/> and was cancelled.</summary>
public sealed class ConsumeTimedOutException(string messageType, TimeSpan timeout)
    : Exception($"Consuming {messageType} took longer than {timeout.TotalSeconds:0.#} s; its work was cancelled and the attempt fails (it is retried)");

/// <summary>
/// The consumes running in this process, each with a deadline. A consume whose work hangs holds one of
/// the queue's prefetch slots unacknowledged; when every slot is held, the broker delivers nothing more
/// and the queue stops while health stays green (ADR 0009's lost reports looked like that). Past its
/// deadline a consume's cancellation token fires, so its database work is cancelled and the attempt fails
/// into the normal retries; one that still does not return is reported by the health check.
/// </summary>
public sealed class ConsumeWatch(TimeProvider time, IOptions<ConsumeTimeBoundOptions> options)
{
    private readonly ConcurrentDictionary<long, RunningConsume> _running = new();
    private long _next;
    private long _timedOut;

    public TimeSpan Timeout => options.Value.Timeout;

    /// <summary>Attempts cancelled at their deadline since the process started.</summary>
    public long TimedOut => Interlocked.Read(ref _timedOut);

    public RunningConsume Start(string messageType)
    {
        var running = new RunningConsume(this, Interlocked.Increment(ref _next), messageType, time.GetTimestamp(), new CancellationTokenSource(Timeout, time));
        _running[running.Id] = running;
        return running;
    }

    /// <summary>The longest-running consume now, if any.</summary>
    public (string MessageType, TimeSpan Elapsed, int Running)? Longest()
    {
        RunningConsume? longest = null;
        var count = 0;
        foreach (var running in _running.Values)
        {
            count++;
            if (longest is null || running.StartedAt < longest.StartedAt)
            {
                longest = running;
            }
        }
        return longest is null ? null : (longest.MessageType, time.GetElapsedTime(longest.StartedAt), count);
    }

    internal void CountTimeout(string messageType)
    {
        Interlocked.Increment(ref _timedOut);
        PlatformTelemetry.ConsumeTimeouts.Add(1, new KeyValuePair<string, object?>("message_type", messageType));
    }

    internal void Finished(RunningConsume running) => _running.TryRemove(running.Id, out _);

    public sealed class RunningConsume(ConsumeWatch watch, long id, string messageType, long startedAt, CancellationTokenSource deadline) : IDisposable
    {
        internal long Id { get; } = id;
        internal long StartedAt { get; } = startedAt;
        public string MessageType { get; } = messageType;

        /// <summary>Fires at the deadline.</summary>
        public CancellationToken Deadline => deadline.Token;

        public bool IsPastDeadline => deadline.IsCancellationRequested;

        public void Dispose()
        {
            watch.Finished(this);
            deadline.Dispose();
        }
    }
}

/// <summary>
/// Gives each attempt at a message a cancellation token that also fires at the consume deadline, so the
/// consumer's database work (which takes that token) is cancelled there; the attempt then fails with
/// <see cref="ConsumeTimedOutException"/>, which the retries and the delayed redelivery treat like any failure.
/// It sits inside the retry filter, so every attempt gets a deadline of its own.
/// </summary>
public sealed class ConsumeTimeBound<TMessage>(ConsumeWatch watch, ILogger<ConsumeWatch> logger) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        using var running = watch.Start(typeof(TMessage).Name);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, running.Deadline);
        try
        {
            await next.Send(new BoundedConsumeContext(context, bounded.Token));
        }
        catch (Exception exception) when (running.IsPastDeadline && !context.CancellationToken.IsCancellationRequested && exception is not ConsumeTimedOutException)
        {
            watch.CountTimeout(running.MessageType);
            logger.LogWarning(exception, "Consuming message {MessageId} ({MessageType}) passed its deadline of {Timeout}; cancelled, the attempt fails",
                context.MessageId, running.MessageType, watch.Timeout);
            throw new ConsumeTimedOutException(running.MessageType, watch.Timeout);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("consumeTimeBound").Add("timeout", watch.Timeout);

    /// <summary>The same consume, with the token that fires at the deadline.</summary>
    private sealed class BoundedConsumeContext(ConsumeContext<TMessage> context, CancellationToken cancellationToken)
        : ConsumeContextProxy(context), ConsumeContext<TMessage>
    {
        public override CancellationToken CancellationToken { get; } = cancellationToken;

        public TMessage Message => context.Message;

        public Task NotifyConsumed(TimeSpan duration, string consumerType) => NotifyConsumed(this, duration, consumerType);

        public Task NotifyFaulted(TimeSpan duration, string consumerType, Exception exception) => NotifyFaulted(this, duration, consumerType, exception);
    }
}

/// <summary>
/// Unhealthy while a consume has run for twice its deadline: its cancellation did not stop it, so it holds
/// a prefetch slot that only a restart frees. Names how many consumes run and how many timed out.
/// </summary>
public sealed class ConsumeWatchHealthCheck(ConsumeWatch watch) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timedOut = $"{watch.TimedOut} attempt(s) cancelled at the {watch.Timeout.TotalSeconds:0.#} s deadline since start";
        var longest = watch.Longest();
        var data = new Dictionary<string, object>
        {
            ["running"] = longest?.Running ?? 0,
            ["longestSeconds"] = Math.Round(longest?.Elapsed.TotalSeconds ?? 0, 1),
            ["timedOut"] = watch.TimedOut,
        };
        if (longest is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"No consume running; {timedOut}", data));
        }
        var description = $"{longest.Value.Running} consume(s) running, the longest ({longest.Value.MessageType}) for {longest.Value.Elapsed.TotalSeconds:0.#} s; {timedOut}";
        return Task.FromResult(longest.Value.Elapsed > 2 * watch.Timeout
            ? HealthCheckResult.Unhealthy($"A consume did not stop at its deadline: {description}", data: data)
            : HealthCheckResult.Healthy(description, data));
    }
}
