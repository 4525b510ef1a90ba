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
        id, source, source_report_id, external_reference, village_code, town_code, node_code, level, category, summary, household_count,
        status, opened_at, agreement_terms, agreement_signed_on, resolved_at, referred_to, referred_at, agreement_held, updated_at
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
            VALUES (@Id, @Source, @SourceReportId, @ExternalReference, @VillageCode, @TownCode, @NodeCode, @Level, @Category, @Summary, @HouseholdCount,
                    @Status, @OpenedAt, @AgreementTerms, @AgreementSignedOn, @ResolvedAt, @ReferredTo, @ReferredAt, @AgreementHeld, @UpdatedAt)
            """,
            Parameters(disputeCase), transaction, cancellationToken: cancellationToken));

    public static Task UpdateCaseAsync(this NpgsqlConnection connection, DisputeCase disputeCase, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE dispute_cases SET status = @Status, agreement_terms = @AgreementTerms, agreement_signed_on = @AgreementSignedOn,
                resolved_at = @ResolvedAt, updated_at = @UpdatedAt, node_code = @NodeCode, level = @Level,
                referred_to = @ReferredTo, referred_at = @ReferredAt, agreement_held = @AgreementHeld
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

    /// <summary>
    /// Filters for case lists. <see cref="NodeCode"/> includes every node below it; overdue means open
    /// for longer than <see cref="DisputeCase.OverdueAfter"/> at <see cref="Now"/>.
    /// </summary>
    public sealed record CaseFilter(
        Guid? SourceReportId, string? NodeCode, CaseStatus? Status, DisputeCategory? Category, bool? Overdue,
        DateTimeOffset? OpenedFrom, DateTimeOffset? OpenedTo, DateTimeOffset Now, int Limit, int Offset, bool OldestFirst = false);

    public static async Task<IReadOnlyList<DisputeCase>> ListCasesAsync(this NpgsqlConnection connection, CaseFilter filter, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<DisputeCaseRecord>(new CommandDefinition(
            $"""
            WITH RECURSIVE subtree AS (
                SELECT code FROM network_nodes WHERE code = @NodeCode
                UNION ALL
                SELECT n.code FROM network_nodes n JOIN subtree s ON n.parent_code = s.code
            )
            SELECT {CaseColumns} FROM dispute_cases
            WHERE (@SourceReportId::uuid IS NULL OR source_report_id = @SourceReportId)
              AND (@NodeCode::text IS NULL OR node_code IN (SELECT code FROM subtree))
              AND (@Status::text IS NULL OR status = @Status)
              AND (@Category::text IS NULL OR category = @Category)
              AND (@Overdue::boolean IS NULL OR (status = 'Open' AND opened_at < @OverdueBefore) = @Overdue)
              AND (@OpenedFrom::timestamptz IS NULL OR opened_at >= @OpenedFrom)
              AND (@OpenedTo::timestamptz IS NULL OR opened_at < @OpenedTo)
            ORDER BY {(filter.OldestFirst ? "opened_at" : "opened_at DESC")}, id
            LIMIT @Limit OFFSET @Offset
            """,
            new
            {
                filter.SourceReportId,
                filter.NodeCode,
                Status = filter.Status?.ToString(),
                Category = filter.Category?.ToString(),
                filter.Overdue,
                OverdueBefore = filter.Now - DisputeCase.OverdueAfter,
                filter.OpenedFrom,
                filter.OpenedTo,
                filter.Limit,
                filter.Offset,
            },
            cancellationToken: cancellationToken)))
        .Select(DisputeCase.Restore).ToList();

    public static Task<bool> CaseExistsForReferenceAsync(this NpgsqlConnection connection, CaseSource source, string reference, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM dispute_cases WHERE source = @source AND external_reference = @reference)",
            new { source = source.ToString(), reference }, transaction, cancellationToken: cancellationToken));

    public static async Task<NetworkNode?> FindNodeAsync(this NpgsqlConnection connection, string code, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<NodeRow>(new CommandDefinition(
            $"SELECT {NodeColumns} FROM network_nodes WHERE code = @code", new { code }, transaction, cancellationToken: cancellationToken)))?.ToNode();

    /// <summary>Whether <paramref name="candidate"/> lies in the subtree of <paramref name="code"/> (or is it).</summary>
    public static Task<bool> IsBelowAsync(this NpgsqlConnection connection, string candidate, string code, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            WITH RECURSIVE subtree AS (
                SELECT code FROM network_nodes WHERE code = @code
                UNION ALL
                SELECT n.code FROM network_nodes n JOIN subtree s ON n.parent_code = s.code
            )
            SELECT EXISTS (SELECT 1 FROM subtree WHERE code = @candidate)
            """, new { candidate, code }, transaction, cancellationToken: cancellationToken));

    /// <summary>The node and every node above it, up to the town.</summary>
    public static async Task<IReadOnlyList<string>> NodeAndAncestorsAsync(this NpgsqlConnection connection, string code, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<string>(new CommandDefinition(
            """
            WITH RECURSIVE up AS (
                SELECT code, parent_code FROM network_nodes WHERE code = @code
                UNION ALL
                SELECT n.code, n.parent_code FROM network_nodes n JOIN up ON n.code = up.parent_code
            )
            SELECT code FROM up
            """, new { code }, transaction, cancellationToken: cancellationToken))).AsList();

    public static Task AppendTimelineAsync(this NpgsqlConnection connection, DisputeCase disputeCase, string kind, DateTimeOffset occurredAt, DateTimeOffset now, string actor, object details, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO case_timeline (case_id, kind, occurred_at, recorded_at, actor, node_code, details)
            VALUES (@CaseId, @kind, @occurredAt, @now, @actor, @NodeCode, CAST(@Details AS jsonb))
            """,
            new { CaseId = disputeCase.Id, kind, occurredAt, now, actor, disputeCase.NodeCode, Details = System.Text.Json.JsonSerializer.Serialize(details, JsonOptions) },
            transaction, cancellationToken: cancellationToken));

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public sealed record TimelineEntry(long Id, string Kind, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string Actor, string NodeCode, System.Text.Json.JsonElement Details);

    private sealed class TimelineRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public DateTimeOffset RecordedAt { get; init; }
        public string Actor { get; init; } = "";
        public string NodeCode { get; init; } = "";
        public string Details { get; init; } = "{}";
    }

    public static async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(this NpgsqlConnection connection, Guid caseId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<TimelineRow>(new CommandDefinition(
            "SELECT id, kind, occurred_at, recorded_at, actor, node_code, details::text AS details FROM case_timeline WHERE case_id = @caseId ORDER BY id",
            new { caseId }, cancellationToken: cancellationToken)))
        .Select(r => new TimelineEntry(r.Id, r.Kind, r.OccurredAt, r.RecordedAt, r.Actor, r.NodeCode, System.Text.Json.JsonDocument.Parse(r.Details).RootElement.Clone()))
        .ToList();

    public sealed record PartyRow(Guid Id, Guid CaseId, string Role, string Name, byte[]? IdentityCipher, string? IdentityHash, string? IdentityMasked);

    public static Task InsertPartiesAsync(this NpgsqlConnection connection, IEnumerable<PartyRow> parties, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO case_parties (id, case_id, role, name, identity_cipher, identity_hash, identity_masked)
            VALUES (@Id, @CaseId, @Role, @Name, @IdentityCipher, @IdentityHash, @IdentityMasked)
            """, parties, transaction, cancellationToken: cancellationToken));

    public sealed record PartyView(string Role, string Name, string? IdentityMasked);

    public static async Task<IReadOnlyList<PartyView>> PartiesAsync(this NpgsqlConnection connection, Guid caseId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<PartyView>(new CommandDefinition(
            "SELECT role, name, identity_masked FROM case_parties WHERE case_id = @caseId ORDER BY role, name",
            new { caseId }, cancellationToken: cancellationToken))).AsList();

    public static async Task<bool> AssignMediatorAsync(this NpgsqlConnection connection, Guid caseId, Guid mediatorId, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO case_mediators (case_id, mediator_id, assigned_at) VALUES (@caseId, @mediatorId, @now) ON CONFLICT DO NOTHING",
            new { caseId, mediatorId, now }, transaction, cancellationToken: cancellationToken)) == 1;

    public sealed record CaseMediatorView(Guid Id, string Name, string? Grade, string NodeCode);

    public static async Task<IReadOnlyList<CaseMediatorView>> CaseMediatorsAsync(this NpgsqlConnection connection, Guid caseId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<CaseMediatorView>(new CommandDefinition(
            """
            SELECT m.id, m.name, m.grade, m.node_code FROM case_mediators cm JOIN mediators m ON m.id = cm.mediator_id
            WHERE cm.case_id = @caseId ORDER BY cm.assigned_at
            """, new { caseId }, cancellationToken: cancellationToken))).AsList();

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
        ReferredTo = c.ReferredTo?.ToString(),
        c.ReferredAt,
        c.AgreementHeld,
        c.ExternalReference,
        c.UpdatedAt,
    };
}
