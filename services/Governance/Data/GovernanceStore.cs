using Dapper;
using Npgsql;
using Zaili.Governance.Domain;

namespace Zaili.Governance.Data;

/// <summary>SQL for governance's records. Every method runs in the caller's transaction.</summary>
public static class GovernanceStore
{
    private const string ReportColumns = """
        id, village_code, town_code, household_count, category, summary, reported_by, reported_at, status,
        mediation_case_id, mediation_node, mediation_level, outcome, resolved_at, updated_at
        """;

    public static Task<Village?> FindVillageAsync(this NpgsqlConnection connection, string code, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<Village>(new CommandDefinition(
            "SELECT code, town_code, name, is_pilot FROM villages WHERE code = @code",
            new { code }, transaction, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<Village>> ListVillagesAsync(this NpgsqlConnection connection, string? townCode, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Village>(new CommandDefinition(
            "SELECT code, town_code, name, is_pilot FROM villages WHERE (@townCode::text IS NULL OR town_code = @townCode) ORDER BY code",
            new { townCode }, cancellationToken: cancellationToken))).AsList();

    public static Task UpsertVillagesAsync(this NpgsqlConnection connection, IEnumerable<Village> villages, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO villages (code, town_code, name, is_pilot, updated_at)
            VALUES (@Code, @TownCode, @Name, @IsPilot, @now)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, is_pilot = excluded.is_pilot, updated_at = excluded.updated_at
            """,
            villages.Select(v => new { v.Code, v.TownCode, v.Name, v.IsPilot, now }), transaction, cancellationToken: cancellationToken));

    public static Task InsertReportAsync(this NpgsqlConnection connection, DisputeReport report, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO dispute_reports ({ReportColumns})
            VALUES (@Id, @VillageCode, @TownCode, @HouseholdCount, @Category, @Summary, @ReportedBy, @ReportedAt, @Status,
                    @MediationCaseId, @MediationNode, @MediationLevel, @Outcome, @ResolvedAt, @UpdatedAt)
            """,
            Parameters(report), transaction, cancellationToken: cancellationToken));

    public static Task UpdateReportAsync(this NpgsqlConnection connection, DisputeReport report, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE dispute_reports SET status = @Status, mediation_case_id = @MediationCaseId, mediation_node = @MediationNode,
                mediation_level = @MediationLevel, outcome = @Outcome, resolved_at = @ResolvedAt, updated_at = @UpdatedAt
            WHERE id = @Id
            """,
            Parameters(report), transaction, cancellationToken: cancellationToken));

    public static async Task<DisputeReport?> FindReportAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, bool forUpdate, CancellationToken cancellationToken)
    {
        var record = await connection.QuerySingleOrDefaultAsync<DisputeReportRecord>(new CommandDefinition(
            $"SELECT {ReportColumns} FROM dispute_reports WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""),
            new { id }, transaction, cancellationToken: cancellationToken));
        return record is null ? null : DisputeReport.Restore(record);
    }

    public static async Task<IReadOnlyList<DisputeReport>> ListReportsAsync(this NpgsqlConnection connection, string? villageCode, string? status, string? reportedBy, int limit, int offset, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<DisputeReportRecord>(new CommandDefinition(
            $"""
            SELECT {ReportColumns} FROM dispute_reports
            WHERE (@villageCode::text IS NULL OR village_code = @villageCode) AND (@status::text IS NULL OR status = @status)
              AND (@reportedBy::text IS NULL OR reported_by = @reportedBy)
            ORDER BY reported_at DESC, id
            LIMIT @limit OFFSET @offset
            """,
            new { villageCode, status, reportedBy, limit, offset }, cancellationToken: cancellationToken)))
        .Select(DisputeReport.Restore).ToList();

    private static object Parameters(DisputeReport report) => new
    {
        report.Id,
        report.VillageCode,
        report.TownCode,
        report.HouseholdCount,
        Category = report.Category.ToString(),
        report.Summary,
        report.ReportedBy,
        report.ReportedAt,
        Status = report.Status.ToString(),
        report.MediationCaseId,
        report.MediationNode,
        MediationLevel = report.MediationLevel?.ToString(),
        report.Outcome,
        report.ResolvedAt,
        report.UpdatedAt,
    };
}
