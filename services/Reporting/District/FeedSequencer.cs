using Dapper;
using Npgsql;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.Reporting.District;

/// <summary>
/// Gives the district feed its positions after the events committed, instead of each consumer taking one
/// under a lock held to its commit (which made every reporting consumer wait for the one before it).
/// One sequencer at a time, across replicas, holds the feed lock to its own commit: positions are dense,
/// follow the order rows were appended among those committed, and become visible in order, so a reader
/// resuming after the last position it read never skips one. The webhook deliveries of each sequenced
/// event are created in the same transaction. Woken after each commit of an append, it first gathers what else
/// commits in the next moment; a sweep covers the rest.
/// </summary>
public sealed class FeedSequencer(NpgsqlDataSource db, TimeProvider time, ILogger<FeedSequencer> logger) : BackgroundService
{
    /// <summary>The same key the appends once took: "ZAILIF".</summary>
    private const long FeedLockKey = 0x5A41494C4946;
    private const int BatchSize = 1000;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a wake-up waits for more appends before numbering them. Without it each consume's commit ran
    /// its own sequencing transaction (six statements), ≈ 1 per report at 150 reports/s. A district system
    /// sees an event this much later; its webhooks are dispatched once a second in any case.
    /// </summary>
    public static readonly TimeSpan GatherInterval = TimeSpan.FromMilliseconds(200);

    private readonly WakeUpSignal _appended = new();

    /// <summary>Called after a transaction that appended to the feed committed.</summary>
    public void Wake() => _appended.Pulse();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SequenceAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away: the rows wait, unsequenced and unseen, for the next sweep.
                logger.LogWarning("The district feed could not be sequenced: {Message}", exception.Message);
            }
            if (await _appended.WaitAsync(SweepInterval, stoppingToken))
            {
                await Task.Delay(GatherInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Positions the next committed, unsequenced rows; returns how many.</summary>
    private async Task<int> SequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@FeedLockKey)", new { FeedLockKey }, transaction, cancellationToken: cancellationToken));
        // Read after the lock was granted: this statement sees every position the sequencer before committed.
        var last = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(max(position), 0) FROM event_log", transaction: transaction, cancellationToken: cancellationToken));
        var sequenced = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE event_log e SET position = @last + next.n
            FROM (SELECT message_id, row_number() OVER (ORDER BY appended) AS n
                  FROM (SELECT message_id, appended FROM event_log WHERE position IS NULL ORDER BY appended LIMIT @BatchSize) oldest) next
            WHERE e.message_id = next.message_id
            """, new { last, BatchSize }, transaction, cancellationToken: cancellationToken));
        if (sequenced == 0)
        {
            return 0;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_deliveries (id, subscription_id, position, status, next_attempt_at, created_at)
            SELECT gen_random_uuid(), s.id, e.position, 'Pending', now(), now()
            FROM event_log e
            JOIN webhook_subscriptions s ON s.active AND (s.event_types IS NULL OR e.event_type = ANY (s.event_types))
            JOIN district_clients c ON c.id = s.client_id AND c.revoked_at IS NULL
            WHERE e.position > @last AND e.town_code LIKE c.scope_code || '%'
            """, new { last }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return sequenced;
    }
}
