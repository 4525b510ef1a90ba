using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Zaili.ServiceDefaults.Operations;

/// <summary>One audit row as the request left it.</summary>
public sealed record AuditRow(
    DateTimeOffset At, string Actor, string? ActorName, string[] Roles, string Action, string Method, string Route,
    string Path, string? RecordId, int Status, string? ClientAddress, string? TraceId);

/// <summary>
/// Writes audit rows by group commit. Each request still waits until its own row is committed, so the
/// audit guarantee is unchanged. Rows that arrive while a commit is in flight go together in the next
/// one: at a few hundred changes a second, the audit costs a few commits a second instead of one per
/// request. Alone, a row is written at once; nothing waits for a batch to fill.
/// </summary>
public sealed class AuditWriter(NpgsqlDataSource dataSource, ILogger<AuditWriter> logger) : BackgroundService
{
    private const int MaxRowsPerCommit = 256;

    private readonly Channel<PendingRow> _queue = Channel.CreateUnbounded<PendingRow>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record PendingRow(AuditRow Row, TaskCompletionSource Committed);

    /// <summary>Completes when the row is committed, or when writing it failed (logged as an operator alarm).</summary>
    public Task AppendAsync(AuditRow row)
    {
        var pending = new PendingRow(row, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        // After the writer stopped (the server has drained its requests by then) a late row goes on its own.
        return _queue.Writer.TryWrite(pending) ? pending.Committed.Task : WriteAsync([pending]);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingRow>(MaxRowsPerCommit);
        // Not stoppingToken: rows queued before the stop are still written; the loop ends when the queue is closed and empty.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxRowsPerCommit && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteAsync(IReadOnlyList<PendingRow> batch)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            await using var insert = new NpgsqlBatch(connection, transaction);
            foreach (var pending in batch)
            {
                insert.BatchCommands.Add(InsertOf(pending.Row));
            }
            await insert.ExecuteNonQueryAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The changes themselves committed or failed on their own; a lost audit row is an operator alarm, not the caller's error.
            foreach (var row in batch.Select(pending => pending.Row))
            {
                logger.LogError(exception, "Audit entry not written: {Method} {Route} by {Actor} -> {Status}", row.Method, row.Route, row.Actor, row.Status);
            }
        }
        foreach (var pending in batch)
        {
            pending.Committed.TrySetResult();
        }
    }

    private static NpgsqlBatchCommand InsertOf(AuditRow row)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO audit_log (at, actor, actor_name, roles, action, method, route, path, record_id, status, client_address, trace_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.At, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Actor });
        command.Parameters.Add(Nullable(row.ActorName));
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = row.Roles, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Action });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Method });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Route });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Path });
        command.Parameters.Add(Nullable(row.RecordId));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = row.Status });
        command.Parameters.Add(Nullable(row.ClientAddress));
        command.Parameters.Add(Nullable(row.TraceId));
        return command;
    }

    private static NpgsqlParameter Nullable(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
