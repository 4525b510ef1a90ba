using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Zaili.ServiceDefaults.Messaging;

public sealed class OutboxRelayOptions
{
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Passes that can run at once, each claiming its own batch (SKIP LOCKED): one waits for its confirms while
    /// another claims. One of them looks for rows; the others join only while a pass finds a full batch.
    /// </summary>
    public int Workers { get; set; } = 3;

    /// <summary>A sweep that runs even without a pulse: rows written by another process (a replica that crashed, a repair by hand), a broker that came back.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Publishes committed outbox rows to RabbitMQ with publisher confirms, a batch at a time (pipelined),
/// marking each row published only after the broker confirmed it. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> so replicas share the work without publishing a row twice at once; a
/// crash between confirm and mark republishes that row with the same message id, which consumers'
/// inboxes absorb. A write in this process pulses the relay once its connection closes (its transaction has
/// ended); the relay then looks until a pass finds nothing. A periodic sweep covers rows written elsewhere.
/// </summary>
public sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxRelayOptions> options,
    OutboxRelayStatus status,
    TimeProvider time,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    public const int MaxWorkers = 8;

    /// <summary>Released when a pass found a full batch: there is a backlog, and the helpers take their share of it.</summary>
    private readonly SemaphoreSlim _backlog = new(0);

    private int Helpers => Math.Clamp(options.Value.Workers, 1, MaxWorkers) - 1;

    // Only the first pass answers pulses; the others join while a pass finds a full batch.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Helpers + 1).Select(worker =>
            Task.Run(() => worker == 0 ? RelayAsync(stoppingToken) : HelpWithBacklogAsync(stoppingToken), stoppingToken)));

    private async Task HelpWithBacklogAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _backlog.WaitAsync(stoppingToken);
                while (await PublishBatchAsync(stoppingToken) >= options.Value.BatchSize)
                {
                    status.LastSuccess = time.GetUtcNow();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The first pass retries with its back-off and reports the error; a helper just stops helping.
                logger.LogDebug("Outbox relay helper stopped on: {Message}", exception.Message);
            }
        }
    }

    private void CallHelpers()
    {
        var idle = Helpers - _backlog.CurrentCount;
        if (idle > 0)
        {
            _backlog.Release(idle);
        }
    }

    private async Task RelayAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            int published;
            try
            {
                published = await PublishBatchAsync(stoppingToken);
                failures = 0;
                status.LastSuccess = time.GetUtcNow();
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                status.LastError = exception.Message;
                var delay = TimeSpan.FromMilliseconds(Math.Min(200 * Math.Pow(2, failures), 5_000));
                logger.LogWarning("Outbox relay could not publish (attempt {Attempt}), retrying in {Delay}: {Message}", failures, delay, exception.Message);
                await DelayQuietly(delay, stoppingToken);
                continue;
            }

            if (published >= options.Value.BatchSize)
            {
                CallHelpers();
                continue;
            }
            // Rows found: more may have committed meanwhile. None: nothing is there until the next pulse or sweep.
            if (published == 0)
            {
                await signal.WaitAsync(options.Value.SweepInterval, stoppingToken);
            }
        }
    }

    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            SELECT id AS Id, message_type AS MessageType, body::text AS Body, trace_parent AS TraceParent, trace_state AS TraceState
            FROM outbox_messages
            WHERE published_at IS NULL AND attempts < @MaxAttempts
            ORDER BY sequence
            LIMIT @BatchSize
            FOR UPDATE SKIP LOCKED
            """,
            new { options.Value.BatchSize, MaxAttempts = MaxUnpublishableAttempts },
            transaction,
            cancellationToken: cancellationToken))).AsList();

        // The whole batch is published at once and its confirms awaited together: one round trip per
        // batch instead of one per event. Consumers already take events concurrently (prefetch), so
        // they never relied on the order of publishing; a failed publish stays unpublished for the next pass.
        var publishable = new List<(OutboxRow Row, Task Publish)>(rows.Count);
        foreach (var row in rows)
        {
            if (!MessageTypes.TryResolve(row.MessageType, out var type))
            {
                await MarkUnpublishableAsync(connection, transaction, row.Id, $"Unknown message type {row.MessageType}", cancellationToken);
                continue;
            }
            publishable.Add((row, PublishAsync(row, type, cancellationToken)));
        }
        try
        {
            await Task.WhenAll(publishable.Select(p => p.Publish));
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Each task's own outcome is read below.
        }
        var published = publishable.Where(p => p.Publish.IsCompletedSuccessfully).Select(p => p.Row.Id).ToList();
        var brokerFailure = publishable.Select(p => p.Publish.Exception?.GetBaseException()).FirstOrDefault(e => e is not null);

        if (published.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox_messages SET published_at = clock_timestamp() WHERE id = ANY(@Ids)",
                new { Ids = published.ToArray() }, transaction, cancellationToken: CancellationToken.None));
        }
        await transaction.CommitAsync(CancellationToken.None);
        PlatformTelemetry.OutboxPublished.Add(published.Count);

        if (brokerFailure is not null)
        {
            throw brokerFailure;
        }
        return rows.Count;
    }

    private async Task PublishAsync(OutboxRow row, Type type, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize(row.Body, type, Outbox.SerializerOptions)!;
        ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent);
        using var activity = PlatformTelemetry.ActivitySource.StartActivity("outbox relay " + type.Name, ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.Id);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await bus.Publish(message, type, context => context.MessageId = row.Id, timeout.Token);
    }

    /// <summary>A row that can never be published (its type is gone) must not block the ones after it.</summary>
    private const int MaxUnpublishableAttempts = 1;

    private async Task MarkUnpublishableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string error, CancellationToken cancellationToken)
    {
        logger.LogError("Outbox message {MessageId} cannot be published: {Error}", id, error);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox_messages SET attempts = attempts + 1, last_error = @Error WHERE id = @Id",
            new { Id = id, Error = error }, transaction, cancellationToken: cancellationToken));
    }

    private static async Task DelayQuietly(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed record OutboxRow(Guid Id, string MessageType, string Body, string? TraceParent, string? TraceState);
}

/// <summary>What the relay last achieved, for health reporting.</summary>
public sealed class OutboxRelayStatus
{
    public DateTimeOffset? LastSuccess { get; set; }
    public string? LastError { get; set; }
}
