using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Zaili.ServiceDefaults.Messaging;

public sealed class DelayedRedeliveryOptions
{
    /// <summary>How long a message that failed every in-process retry waits before it is tried again.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many times it comes back before it goes to <c>_error</c> for an operator.</summary>
    public int Attempts { get; set; } = 3;
}

/// <summary>
/// The second stage after in-process retries, built from what Debian's RabbitMQ has (no delayed-message
/// plugin, ADR 0003): a message that failed every retry is published, with confirms, to a delay queue of its
/// own queue (<c>{queue}_delay_{seconds}s</c>, a quorum queue whose messages expire after the delay and are
/// dead-lettered, at least once, back to the queue). Only after the confirm is the original acknowledged,
/// so a crash in between means a duplicate, which the inbox absorbs, never a loss. After the last attempt
/// the failure propagates and MassTransit moves the message to <c>_error</c>.
/// </summary>
public sealed class DelayedRedelivery(IConfiguration configuration, IOptions<DelayedRedeliveryOptions> options, ILogger<DelayedRedelivery> logger) : IAsyncDisposable
{
    /// <summary>The header that counts how often the message came back from its delay queue.</summary>
    public const string AttemptHeader = "zaili-redelivery";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _declared = [];
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>How long putting one message in its delay queue may take, connecting included.</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    public DelayedRedeliveryOptions Options => options.Value;

    public string DelayQueueOf(string queue) => $"{queue}_delay_{(int)Options.Delay.TotalSeconds}s";

    public static int AttemptOf(IReadOnlyBasicProperties properties) =>
        properties.Headers is { } headers && headers.TryGetValue(AttemptHeader, out var value) ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>Puts the message in its delay queue; returns false when its attempts are used up.</summary>
    public async Task<bool> TryDelayAsync(RabbitMqBasicConsumeContext received, byte[] body, string queue, Exception failure, CancellationToken cancellationToken)
    {
        var attempt = AttemptOf(received.Properties) + 1;
        if (attempt > Options.Attempts)
        {
            return false;
        }
        var properties = new BasicProperties(received.Properties)
        {
            Persistent = true,
            Headers = new Dictionary<string, object?>(received.Properties.Headers ?? new Dictionary<string, object?>()) { [AttemptHeader] = attempt },
        };
        var delayQueue = DelayQueueOf(queue);

        // Bounded: RabbitMQ.Client can wait for a publisher confirm forever after the broker restarted
        // (rabbitmq/rabbitmq-dotnet-client#1928, #1930). A publish that hung here held the gate, every other
        // failed message of the process queued behind it, their prefetch slots filled and the queues stopped.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(PublishTimeout);
        await _gate.WaitAsync(bounded.Token);
        try
        {
            var channel = await ChannelAsync(bounded.Token);
            if (!_declared.Contains(delayQueue))
            {
                await channel.QueueDeclareAsync(delayQueue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
                {
                    ["x-queue-type"] = "quorum",
                    ["x-message-ttl"] = (long)Options.Delay.TotalMilliseconds,
                    ["x-dead-letter-exchange"] = "",
                    ["x-dead-letter-routing-key"] = queue,
                    ["x-dead-letter-strategy"] = "at-least-once",
                    ["x-overflow"] = "reject-publish",
                }, cancellationToken: bounded.Token);
                _declared.Add(delayQueue);
            }
            await channel.BasicPublishAsync(exchange: "", routingKey: delayQueue, mandatory: true, basicProperties: properties, body: body, bounded.Token);
        }
        catch
        {
            // Whatever failed, the next message starts on a fresh connection and channel.
            await DropConnectionAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
        logger.LogWarning("Message {MessageId} on {Queue} failed every retry ({Reason}); trying again in {Delay} (attempt {Attempt} of {Attempts})",
            received.Properties.MessageId, queue, failure.GetBaseException().Message, Options.Delay, attempt, Options.Attempts);
        return true;
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }
        if (_connection is not { IsOpen: true })
        {
            await DropConnectionAsync();
            var connectionString = configuration.GetConnectionString(Zaili.ResourceNames.RabbitMq)
                ?? throw new InvalidOperationException($"Connection string '{Zaili.ResourceNames.RabbitMq}' is missing");
            // No automatic recovery: a recovered channel is where confirms went missing; a closed connection is
            // simply opened again here on the next use.
            _connection = await new ConnectionFactory
            {
                Uri = new Uri(connectionString),
                ClientProvidedName = "delayed-redelivery",
                AutomaticRecoveryEnabled = false,
                TopologyRecoveryEnabled = false,
            }.CreateConnectionAsync(cancellationToken);
        }
        _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        return _channel;
    }

    /// <summary>Closes the channel and connection if there are any; the next use opens new ones.</summary>
    private async Task DropConnectionAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        _declared.Clear();
        try
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "Closing the delayed-redelivery connection failed; it is dropped");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropConnectionAsync();
        _gate.Dispose();
    }
}

/// <summary>Sits outside the retry filter: it sees a failure only after every in-process retry.</summary>
public sealed class DelayedRedeliveryFilter(DelayedRedelivery redelivery, string queue) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (Exception exception) when (!context.CancellationToken.IsCancellationRequested
            && context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var received))
        {
            if (!await TryDelayQuietlyAsync(received, context.ReceiveContext.Body.GetBytes(), exception, context.CancellationToken))
            {
                throw;
            }
            // Waiting in the delay queue; acknowledging the original is now safe.
        }
    }

    /// <summary>If the broker cannot take it now, the original failure stands: MassTransit moves it to _error or the broker redelivers it.</summary>
    private async Task<bool> TryDelayQuietlyAsync(RabbitMqBasicConsumeContext received, byte[] body, Exception failure, CancellationToken cancellationToken)
    {
        try
        {
            return await redelivery.TryDelayAsync(received, body, queue, failure, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("delayedRedelivery");
}
