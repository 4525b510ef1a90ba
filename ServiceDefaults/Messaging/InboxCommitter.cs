using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Zaili.ServiceDefaults.Messaging;

public sealed class InboxCommitOptions
{
    public const int MostMessagesPerCommit = 256;
    public const int MostWriters = 16;

    /// <summary>Messages being consumed at the same moment are committed together, up to this many; 1 commits each alone.</summary>
    public int MaxMessagesPerCommit { get; set; } = 32;

    /// <summary>Commits that may be in flight at once, each with its own connection.</summary>
    public int Writers { get; set; } = 2;
}

/// <summary>One message as the inbox records it: applied by which consumer.</summary>
public readonly record struct InboxEntry(Guid MessageId, string Consumer, string MessageType);

/// <summary>
/// Applies consumed messages once each: a message's id goes into the inbox in the same transaction as the
/// consumer's writes, and a message whose id is already there changes nothing. Messages being consumed at the
/// same moment share one transaction (group commit), ordered by message id so that two replicas committing
/// overlapping groups take the inbox rows in the same order. Each consume still waits for its own commit
/// before the broker's ack, so nothing is acknowledged before it is durable. Under load one commit and a
/// handful of statements carry dozens of messages; alone, a message is committed at once, nothing waits for
/// a group to fill (ADR 0013).
/// <para>
/// A group that fails (one handler throws, a deadlock, a consume's deadline) is rolled back and each of its
/// messages is applied alone, in a transaction of its own with its own deadline, so one bad message never
/// fails the others and every message keeps its own retries.
/// </para>
/// </summary>
public sealed class InboxCommitter(NpgsqlDataSource dataSource, Outbox outbox, IOptions<InboxCommitOptions> options, ILogger<InboxCommitter> logger)
    : BackgroundService
{
    private readonly Channel<PendingApply> _queue = Channel.CreateUnbounded<PendingApply>();
    private volatile bool _writing;

    private int MaxPerCommit => options.Value.MaxMessagesPerCommit;

    /// <summary>
    /// Records the message in the inbox and runs <paramref name="handle"/> in the same transaction, then commits;
    /// <paramref name="together"/>: in one transaction with the other messages that arrive meanwhile.
    /// True when this call applied it; false when the inbox already had it (a redelivery), in which case nothing changed.
    /// </summary>
    public Task<bool> ApplyAsync(InboxEntry entry, Func<ConsumeScope, CancellationToken, Task> handle, bool together, CancellationToken cancellationToken)
    {
        // Before the writers start or after they stopped, a message is applied on its own.
        if (!together || MaxPerCommit == 1 || !_writing)
        {
            return ApplyAloneAsync(entry, handle, cancellationToken);
        }
        var pending = new PendingApply(entry, handle, Activity.Current, cancellationToken);
        // A message that arrives as the writers stop is applied on its own.
        return _queue.Writer.TryWrite(pending)
            ? pending.Outcome.Task.WaitAsync(cancellationToken)
            : ApplyAloneAsync(entry, handle, cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _writing = true;
        return Task.WhenAll(Enumerable.Range(0, options.Value.Writers).Select(_ => Task.Run(WriteAsync, CancellationToken.None)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The bus stops first (it was registered after), so nothing new arrives; what is queued is still applied.
        _writing = false;
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteAsync()
    {
        var group = new List<PendingApply>(MaxPerCommit);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (group.Count < MaxPerCommit && _queue.Reader.TryRead(out var pending))
            {
                if (pending.Cancellation.IsCancellationRequested)
                {
                    pending.Outcome.TrySetCanceled(pending.Cancellation);
                    continue;
                }
                group.Add(pending);
            }
            if (group.Count == 1)
            {
                await CompleteAloneAsync(group[0]);
            }
            else if (group.Count > 1)
            {
                await ApplyGroupAsync(group);
            }
            group.Clear();
        }
    }

    private async Task ApplyGroupAsync(List<PendingApply> group)
    {
        // Any member's deadline (or the process stopping) cancels the group; its members then go alone.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource([.. group.Select(pending => pending.Cancellation)]);
        var cancellationToken = cancellation.Token;
        var ordered = group.OrderBy(pending => pending.Entry.MessageId).ThenBy(pending => pending.Entry.Consumer, StringComparer.Ordinal).ToList();
        var applied = new bool[ordered.Count];
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var fresh = await RecordAsync(connection, transaction, [.. ordered.Select(pending => pending.Entry)], cancellationToken);
            var caller = Activity.Current;
            try
            {
                for (var i = 0; i < ordered.Count; i++)
                {
                    var pending = ordered[i];
                    // A second delivery of one message in the same group is a redelivery like any other.
                    if (!fresh.Remove(pending.Entry))
                    {
                        await CountDuplicateAsync(connection, transaction, pending.Entry, cancellationToken);
                        continue;
                    }
                    // The consume's own trace: what the handler writes to the outbox continues it.
                    Activity.Current = pending.Activity;
                    await pending.Handle(new ConsumeScope(connection, transaction, outbox, pending.Entry.MessageId), cancellationToken);
                    applied[i] = true;
                }
            }
            finally
            {
                Activity.Current = caller;
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            logger.LogDebug("A group commit of {Count} messages failed; each is applied alone: {Message}", ordered.Count, exception.Message);
            PlatformTelemetry.InboxGroupFallbacks.Add(1);
            await Task.WhenAll(ordered.Select(CompleteAloneAsync));
            return;
        }
        PlatformTelemetry.InboxGroupSize.Record(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Outcome.TrySetResult(applied[i]);
        }
    }

    private async Task CompleteAloneAsync(PendingApply pending)
    {
        var previous = Activity.Current;
        Activity.Current = pending.Activity;
        try
        {
            pending.Outcome.TrySetResult(await ApplyAloneAsync(pending.Entry, pending.Handle, pending.Cancellation));
        }
        catch (OperationCanceledException) when (pending.Cancellation.IsCancellationRequested)
        {
            pending.Outcome.TrySetCanceled(pending.Cancellation);
        }
        catch (Exception exception)
        {
            pending.Outcome.TrySetException(exception);
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    private async Task<bool> ApplyAloneAsync(InboxEntry entry, Func<ConsumeScope, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if ((await RecordAsync(connection, transaction, [entry], cancellationToken)).Count == 0)
        {
            await CountDuplicateAsync(connection, transaction, entry, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return false;
        }
        await handle(new ConsumeScope(connection, transaction, outbox, entry.MessageId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Inserts the entries; returns those that were not there yet. A conflicting row another transaction holds is waited for.</summary>
    private static async Task<HashSet<InboxEntry>> RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<InboxEntry> entries, CancellationToken cancellationToken)
    {
        var inserted = await connection.QueryAsync<(Guid MessageId, string Consumer)>(new CommandDefinition(
            """
            INSERT INTO inbox_messages (message_id, consumer, message_type)
            SELECT * FROM unnest(@MessageIds, @Consumers, @MessageTypes)
            ON CONFLICT DO NOTHING
            RETURNING message_id, consumer
            """,
            new
            {
                MessageIds = entries.Select(entry => entry.MessageId).ToArray(),
                Consumers = entries.Select(entry => entry.Consumer).ToArray(),
                MessageTypes = entries.Select(entry => entry.MessageType).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));
        var fresh = inserted.ToHashSet();
        return [.. entries.Where(entry => fresh.Contains((entry.MessageId, entry.Consumer)))];
    }

    private static Task CountDuplicateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, InboxEntry entry, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE inbox_messages SET duplicates = duplicates + 1, last_duplicate_at = now()
            WHERE message_id = @MessageId AND consumer = @Consumer
            """,
            new { entry.MessageId, entry.Consumer },
            transaction,
            cancellationToken: cancellationToken));

    private sealed record PendingApply(InboxEntry Entry, Func<ConsumeScope, CancellationToken, Task> Handle, Activity? Activity, CancellationToken Cancellation)
    {
        public TaskCompletionSource<bool> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
