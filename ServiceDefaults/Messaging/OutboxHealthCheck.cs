using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Zaili.ServiceDefaults.Messaging;

/// <summary>
/// Reports the outbox as degraded when a committed event has waited longer than a minute to be
/// published (the relay is stuck or the broker unreachable), naming how many wait and for how long.
/// </summary>
public sealed class OutboxHealthCheck(NpgsqlDataSource dataSource, TimeProvider time, OutboxRelayStatus status) : IHealthCheck
{
    public static readonly TimeSpan MaxLag = TimeSpan.FromMinutes(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (waiting, oldest) = await connection.QuerySingleAsync<(int Waiting, DateTime? Oldest)>(new CommandDefinition(
            "SELECT count(*)::int, min(created_at) FROM outbox_messages WHERE published_at IS NULL AND attempts < 1",
            cancellationToken: cancellationToken));
        if (oldest is null)
        {
            return HealthCheckResult.Healthy("No event waiting");
        }
        var lag = time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(oldest.Value, DateTimeKind.Utc));
        var description = $"{waiting} event(s) waiting, the oldest for {lag.TotalSeconds:0} s";
        return lag > MaxLag
            ? HealthCheckResult.Degraded($"Outbox relay lagging: {description}; last error: {status.LastError ?? "none"}")
            : HealthCheckResult.Healthy(description);
    }
}
