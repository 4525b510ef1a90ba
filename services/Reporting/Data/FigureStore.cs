using Dapper;
using Npgsql;
using Zaili.Reporting.Domain;

namespace Zaili.Reporting.Data;

public static class FigureStore
{
    /// <summary>The figures of a town (or one village or department of it) for a year, with the year before.</summary>
    public static async Task<FigureSet> FiguresAsync(this NpgsqlConnection connection, string townCode, int year, string? villageCode, string? department,
        DateTimeOffset now, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<TotalRow>(new CommandDefinition(
            """
            SELECT c.figure, c.year, c.key, COALESCE(max(c.label), max(v.name)) AS label, sum(c.amount) AS amount, min(p.occurred_at) AS first_seen
            FROM contributions c
            JOIN projected_events p ON p.message_id = c.message_id
            LEFT JOIN villages v ON v.code = c.key
            WHERE c.town_code = @townCode AND c.year <= @year
              AND (@villageCode::text IS NULL OR c.village_code = @villageCode)
              AND (@department::text IS NULL OR c.department = @department)
            GROUP BY c.figure, c.year, c.key
            """, new { townCode, year, villageCode, department }, transaction, cancellationToken: cancellationToken));
        return FigureCalculator.Compute(townCode, year, now,
            rows.Select(r => new ContributionTotal(r.Figure, r.Year, r.Key, r.Label, r.Amount, r.FirstSeen)).ToList());
    }

    public sealed class TotalRow
    {
        public string Figure { get; init; } = "";
        public int Year { get; init; }
        public string? Key { get; init; }
        public string? Label { get; init; }
        public decimal Amount { get; init; }
        public DateTimeOffset FirstSeen { get; init; }
    }

    public sealed class SourceRow
    {
        public Guid MessageId { get; init; }
        public string EventType { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public long? FeedPosition { get; init; }
        public int Year { get; init; }
        public string? VillageCode { get; init; }
        public string? Department { get; init; }
        public string? Key { get; init; }
        public string? Label { get; init; }
        public decimal Amount { get; init; }
    }

    /// <summary>The events a figure was counted from, oldest first.</summary>
    public static async Task<(int Total, IReadOnlyList<SourceRow> Rows)> SourcesAsync(this NpgsqlConnection connection, FigureDefinition figure, string townCode, int year,
        string? villageCode, int limit, int offset, CancellationToken cancellationToken)
    {
        var running = figure.Aggregation is Aggregation.RunningSum or Aggregation.RunningDistinctKeys;
        var filter = $"""
            FROM contributions c
            JOIN projected_events p ON p.message_id = c.message_id
            LEFT JOIN event_log e ON e.message_id = c.message_id
            WHERE c.town_code = @townCode AND c.figure = @code AND {(running ? "c.year <= @year" : "c.year = @year")}
              AND (@villageCode::text IS NULL OR c.village_code = @villageCode)
            """;
        var args = new { townCode, code = figure.Code, year, villageCode, limit, offset };
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int " + filter, args, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<SourceRow>(new CommandDefinition(
            $"""
            SELECT c.message_id, p.event_type, p.occurred_at, e.position AS feed_position, c.year, c.village_code, c.department, c.key, c.label, c.amount
            {filter}
            ORDER BY p.occurred_at, c.message_id LIMIT @limit OFFSET @offset
            """, args, cancellationToken: cancellationToken));
        return (total, rows.AsList());
    }
}

public static class TrendStore
{
    private sealed class MonthRow
    {
        public int Month { get; init; }
        public decimal Amount { get; init; }
    }

    /// <summary>A figure's amounts of one year by the month (China time) its events occurred.</summary>
    public static async Task<IReadOnlyList<(int Month, decimal Amount)>> MonthlyAmountsAsync(this NpgsqlConnection connection, string code, string townCode, int year,
        string? villageCode, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<MonthRow>(new CommandDefinition(
            """
            SELECT extract(month FROM p.occurred_at AT TIME ZONE 'Asia/Shanghai')::int AS month, sum(c.amount) AS amount
            FROM contributions c JOIN projected_events p ON p.message_id = c.message_id
            WHERE c.town_code = @townCode AND c.figure = @code AND c.year = @year
              AND (@villageCode::text IS NULL OR c.village_code = @villageCode)
            GROUP BY 1
            """, new { code, townCode, year, villageCode }, cancellationToken: cancellationToken)))
        .Select(r => (r.Month, r.Amount)).ToList();
}
