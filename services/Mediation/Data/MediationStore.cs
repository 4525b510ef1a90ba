using Dapper;
using Npgsql;
using Zaili.Contracts;
using Zaili.Mediation.Domain;

namespace Zaili.Mediation.Data;

/// <summary>SQL for mediation's records. Every write runs in the caller's transaction.</summary>
public static class MediationStore
{
    private const string NodeColumns = "code, name, level, parent_code, village_code, town_code";
    private const string CaseColumns = """
        id, source, source_report_id, village_code, town_code, node_code, level, category, summary, household_count,
        status, opened_at, agreement_terms, agreement_signed_on, resolved_at, updated_at
        """;

    private sealed class NodeRow
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Level { get; init; } = "";
        public string? ParentCode { get; init; }
        public string? VillageCode { get; init; }
        public string TownCode { get; init; } = "";

        public NetworkNode ToNode() => new(Code, Name, Enum.Parse<MediationLevel>(Level), ParentCode, VillageCode, TownCode);
    }

    public static async Task<IReadOnlyList<NetworkNode>> ListNodesAsync(this NpgsqlConnection connection, string? townCode, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<NodeRow>(new CommandDefinition(
            $"SELECT {NodeColumns} FROM network_nodes WHERE (@townCode::text IS NULL OR town_code = @townCode) ORDER BY town_code, code",
            new { townCode }, transaction, cancellationToken: cancellationToken)))
        .Select(row => row.ToNode()).ToList();

    /// <summary>The nodes that could take a village's dispute: its own node and its town's node.</summary>
    public static async Task<IReadOnlyList<NetworkNode>> NodesCoveringAsync(this NpgsqlConnection connection, string villageCode, string townCode, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<NodeRow>(new CommandDefinition(
            $"SELECT {NodeColumns} FROM network_nodes WHERE village_code = @villageCode OR (code = @townCode AND level = 'Town')",
            new { villageCode, townCode }, transaction, cancellationToken: cancellationToken)))
        .Select(row => row.ToNode()).ToList();

    public static Task UpsertNodesAsync(this NpgsqlConnection connection, IEnumerable<NetworkNode> nodes, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO network_nodes (code, name, level, parent_code, village_code, town_code, updated_at)
            VALUES (@Code, @Name, @Level, @ParentCode, @VillageCode, @TownCode, @now)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code,
                village_code = excluded.village_code, town_code = excluded.town_code, updated_at = excluded.updated_at
            """,
            nodes.Select(n => new { n.Code, n.Name, Level = n.Level.ToString(), n.ParentCode, n.VillageCode, n.TownCode, now }),
            transaction, cancellationToken: cancellationToken));

    public static Task InsertCaseAsync(this NpgsqlConnection connection, DisputeCase disputeCase, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO dispute_cases ({CaseColumns})
            VALUES (@Id, @Source, @SourceReportId, @VillageCode, @TownCode, @NodeCode, @Level, @Category, @Summary, @HouseholdCount,
                    @Status, @OpenedAt, @AgreementTerms, @AgreementSignedOn, @ResolvedAt, @UpdatedAt)
            """,
            Parameters(disputeCase), transaction, cancellationToken: cancellationToken));

    public static Task UpdateCaseAsync(this NpgsqlConnection connection, DisputeCase disputeCase, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE dispute_cases SET status = @Status, agreement_terms = @AgreementTerms, agreement_signed_on = @AgreementSignedOn,
                resolved_at = @ResolvedAt, updated_at = @UpdatedAt, node_code = @NodeCode, level = @Level
            WHERE id = @Id
            """,
            Parameters(disputeCase), transaction, cancellationToken: cancellationToken));

    public static async Task<DisputeCase?> FindCaseAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, bool forUpdate, CancellationToken cancellationToken)
    {
        var record = await connection.QuerySingleOrDefaultAsync<DisputeCaseRecord>(new CommandDefinition(
            $"SELECT {CaseColumns} FROM dispute_cases WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""),
            new { id }, transaction, cancellationToken: cancellationToken));
        return record is null ? null : DisputeCase.Restore(record);
    }

    public static Task<bool> CaseExistsForReportAsync(this NpgsqlConnection connection, Guid reportId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM dispute_cases WHERE source_report_id = @reportId)",
            new { reportId }, transaction, cancellationToken: cancellationToken));

    public sealed record CaseFilter(Guid? SourceReportId, string? NodeCode, CaseStatus? Status, int Limit, int Offset);

    public static async Task<IReadOnlyList<DisputeCase>> ListCasesAsync(this NpgsqlConnection connection, CaseFilter filter, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<DisputeCaseRecord>(new CommandDefinition(
            $"""
            SELECT {CaseColumns} FROM dispute_cases
            WHERE (@SourceReportId::uuid IS NULL OR source_report_id = @SourceReportId)
              AND (@NodeCode::text IS NULL OR node_code = @NodeCode)
              AND (@Status::text IS NULL OR status = @Status)
            ORDER BY opened_at DESC, id
            LIMIT @Limit OFFSET @Offset
            """,
            new { filter.SourceReportId, filter.NodeCode, Status = filter.Status?.ToString(), filter.Limit, filter.Offset },
            cancellationToken: cancellationToken)))
        .Select(DisputeCase.Restore).ToList();

    private static object Parameters(DisputeCase c) => new
    {
        c.Id,
        Source = c.Source.ToString(),
        c.SourceReportId,
        c.VillageCode,
        c.TownCode,
        c.NodeCode,
        Level = c.Level.ToString(),
        Category = c.Category.ToString(),
        c.Summary,
        c.HouseholdCount,
        Status = c.Status.ToString(),
        c.OpenedAt,
        c.AgreementTerms,
        AgreementSignedOn = c.AgreementSignedOn?.ToDateTime(TimeOnly.MinValue),
        c.ResolvedAt,
        c.UpdatedAt,
    };
}
