using Zaili.ServiceDefaults.Http;
using Dapper;
using Npgsql;
using Zaili.Mediation.Domain;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Apis;

/// <summary>
/// The figures the annual report states about mediation: disputes resolved (化解) in a period, at which
/// level (小事不出村、大事不出镇、矛盾不上交), by category, average days; open and overdue now.
/// </summary>
public static class StatisticsApi
{
    public static RouteGroupBuilder MapStatisticsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/mediation/statistics", "Statistics", StaffAccess.Only(StaffRoles.JusticeOffice, StaffRoles.PartyGovernmentOffice));
        group.MapGet("/", GetAsync).WithName("MediationStatistics");
        return group;
    }

    public sealed record Statistics(
        string TownCode, DateOnly From, DateOnly To, int Resolved, int ReferredOut,
        IReadOnlyDictionary<string, int> ResolvedByLevel, IReadOnlyDictionary<string, int> ResolvedByCategory,
        double? AverageDaysToResolve, double? KeptInTownRate, int OpenNow, int OverdueNow, int FollowedUp, int AgreementsHeld);

    private sealed record Count(string Key, int Value);

    private static async Task<Ok<Statistics>> GetAsync(string townCode, DateOnly from, DateOnly to, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        DivisionCode.RequireTown(townCode);
        var (start, end) = ChinaTime.Period(from, to);
        var now = time.GetUtcNow();
        var parameters = new { townCode, start, end, overdueBefore = now - DisputeCase.OverdueAfter };

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var byLevel = (await connection.QueryAsync<Count>(new CommandDefinition(
            """
            SELECT level AS key, count(*)::int AS value FROM dispute_cases
            WHERE town_code = @townCode AND status IN ('Resolved', 'FollowedUp') AND resolved_at >= @start AND resolved_at < @end
            GROUP BY level
            """, parameters, cancellationToken: cancellationToken))).ToDictionary(c => c.Key, c => c.Value);
        var byCategory = (await connection.QueryAsync<Count>(new CommandDefinition(
            """
            SELECT category AS key, count(*)::int AS value FROM dispute_cases
            WHERE town_code = @townCode AND status IN ('Resolved', 'FollowedUp') AND resolved_at >= @start AND resolved_at < @end
            GROUP BY category
            """, parameters, cancellationToken: cancellationToken))).ToDictionary(c => c.Key, c => c.Value);
        var totals = await connection.QuerySingleAsync<(int ReferredOut, double? AverageDays, int OpenNow, int OverdueNow, int FollowedUp, int Held)>(new CommandDefinition(
            """
            SELECT
              (SELECT count(*)::int FROM dispute_cases WHERE town_code = @townCode AND status = 'ReferredOut' AND referred_at >= @start AND referred_at < @end),
              (SELECT avg(extract(epoch FROM resolved_at - opened_at) / 86400)::float8 FROM dispute_cases
                 WHERE town_code = @townCode AND status IN ('Resolved', 'FollowedUp') AND resolved_at >= @start AND resolved_at < @end),
              (SELECT count(*)::int FROM dispute_cases WHERE town_code = @townCode AND status = 'Open'),
              (SELECT count(*)::int FROM dispute_cases WHERE town_code = @townCode AND status = 'Open' AND opened_at < @overdueBefore),
              (SELECT count(*)::int FROM dispute_cases WHERE town_code = @townCode AND status = 'FollowedUp' AND resolved_at >= @start AND resolved_at < @end),
              (SELECT count(*)::int FROM dispute_cases WHERE town_code = @townCode AND status = 'FollowedUp' AND agreement_held AND resolved_at >= @start AND resolved_at < @end)
            """, parameters, cancellationToken: cancellationToken));

        var resolved = byLevel.Values.Sum();
        var decided = resolved + totals.ReferredOut;
        return TypedResults.Ok(new Statistics(
            townCode, from, to, resolved, totals.ReferredOut, byLevel, byCategory,
            totals.AverageDays is { } days ? Math.Round(days, 1) : null,
            decided == 0 ? null : Math.Round((double)resolved / decided, 4),
            totals.OpenNow, totals.OverdueNow, totals.FollowedUp, totals.Held));
    }
}
