using Dapper;
using Npgsql;
using Zaili.Governance.Domain;
using Zaili.ServiceDefaults.Data;

namespace Zaili.Governance.Data;

/// <summary>SQL for households, ten-household groups, elections, visits, warnings and appeals.</summary>
public static class GroupStore
{
    public static Task InsertHouseholdsAsync(this NpgsqlConnection connection, IEnumerable<(Household Household, string Phone)> households, PersonalDataProtector protector, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO households (id, village_code, householder_name, address, member_count, contact_cipher, contact_masked, created_at)
            VALUES (@Id, @VillageCode, @HouseholderName, @Address, @MemberCount, @ContactCipher, @ContactMasked, @now)
            """,
            households.Select(h => new
            {
                h.Household.Id, h.Household.VillageCode, h.Household.HouseholderName, h.Household.Address, h.Household.MemberCount,
                ContactCipher = protector.Protect(h.Phone), h.Household.ContactMasked, now,
            }), transaction, cancellationToken: cancellationToken));

    private const string HouseholdColumns = "id, village_code, householder_name, address, member_count, contact_masked, group_id";

    public static async Task<IReadOnlyList<Household>> HouseholdsAsync(this NpgsqlConnection connection, IReadOnlyCollection<Guid> ids, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Household>(new CommandDefinition(
            $"SELECT {HouseholdColumns} FROM households WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, transaction, cancellationToken: cancellationToken))).AsList();

    private sealed class HouseholdRow
    {
        public Guid Id { get; init; }
        public string VillageCode { get; init; } = "";
        public string HouseholderName { get; init; } = "";
        public string Address { get; init; } = "";
        public int MemberCount { get; init; }
        public string ContactMasked { get; init; } = "";
        public Guid? GroupId { get; init; }
        public byte[] ContactCipher { get; init; } = [];
    }

    /// <summary>A village's households (only one group's, when <paramref name="groupId"/> is given), each with its encrypted contact phone.</summary>
    public static async Task<IReadOnlyList<(Household Household, byte[] ContactCipher)>> ListHouseholdsAsync(
        this NpgsqlConnection connection, string villageCode, bool? grouped, Guid? groupId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<HouseholdRow>(new CommandDefinition(
            $"""
            SELECT {HouseholdColumns}, contact_cipher FROM households
            WHERE village_code = @villageCode AND (@grouped::boolean IS NULL OR (group_id IS NOT NULL) = @grouped)
              AND (@groupId::uuid IS NULL OR group_id = @groupId)
            ORDER BY address, householder_name
            """, new { villageCode, grouped, groupId }, cancellationToken: cancellationToken)))
        .Select(r => (new Household(r.Id, r.VillageCode, r.HouseholderName, r.Address, r.MemberCount, r.ContactMasked, r.GroupId), r.ContactCipher))
        .ToList();

    /// <summary>Puts the households into the group; false if one of them joined another group meanwhile.</summary>
    public static async Task<bool> InsertGroupAsync(this NpgsqlConnection connection, TenHouseholdGroup group, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ten_household_groups (id, village_code, name, created_at) VALUES (@Id, @VillageCode, @Name, @now)",
            new { group.Id, group.VillageCode, group.Name, now }, transaction, cancellationToken: cancellationToken));
        var joined = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE households SET group_id = @Id WHERE id = ANY(@ids) AND group_id IS NULL",
            new { group.Id, ids = group.HouseholdIds.ToArray() }, transaction, cancellationToken: cancellationToken));
        return joined == group.HouseholdIds.Count;
    }

    private sealed class GroupRow
    {
        public Guid Id { get; init; }
        public string VillageCode { get; init; } = "";
        public string Name { get; init; } = "";
        public Guid? HeadHouseholdId { get; init; }
        public string? HeadName { get; init; }
        public DateTimeOffset? HeadChosenAt { get; init; }
        public Guid[] Households { get; init; } = [];
    }

    private const string GroupQuery = """
        SELECT g.id, g.village_code, g.name, g.head_household_id, g.head_name, g.head_chosen_at,
               coalesce(array_agg(h.id ORDER BY h.address, h.householder_name) FILTER (WHERE h.id IS NOT NULL), '{}') AS households
        FROM ten_household_groups g LEFT JOIN households h ON h.group_id = g.id
        """;

    public static async Task<TenHouseholdGroup?> FindGroupAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, bool forUpdate, CancellationToken cancellationToken)
    {
        if (forUpdate)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT 1 FROM ten_household_groups WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken));
        }
        var row = await connection.QuerySingleOrDefaultAsync<GroupRow>(new CommandDefinition(
            GroupQuery + " WHERE g.id = @id GROUP BY g.id", new { id }, transaction, cancellationToken: cancellationToken));
        return row is null ? null : TenHouseholdGroup.Restore(row.Id, row.VillageCode, row.Name, row.Households, row.HeadHouseholdId, row.HeadName, row.HeadChosenAt);
    }

    public static async Task<IReadOnlyList<TenHouseholdGroup>> ListGroupsAsync(this NpgsqlConnection connection, string villageCode, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<GroupRow>(new CommandDefinition(
            GroupQuery + " WHERE g.village_code = @villageCode GROUP BY g.id ORDER BY g.name", new { villageCode }, cancellationToken: cancellationToken)))
        .Select(row => TenHouseholdGroup.Restore(row.Id, row.VillageCode, row.Name, row.Households, row.HeadHouseholdId, row.HeadName, row.HeadChosenAt)).ToList();

    public static async Task SaveElectionAsync(this NpgsqlConnection connection, TenHouseholdGroup group, TenHouseholdGroup.ElectionResult result, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ten_household_groups SET head_household_id = @HeadHouseholdId, head_name = @HeadName, head_chosen_at = @HeadChosenAt WHERE id = @Id",
            new { group.Id, group.HeadHouseholdId, group.HeadName, group.HeadChosenAt }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO head_elections (id, group_id, winner, tally, turnout, held_at) VALUES (@id, @groupId, @winner, CAST(@tally AS jsonb), @turnout, @now)",
            new
            {
                id = Guid.CreateVersion7(now), groupId = group.Id, winner = result.Winner.HouseholdId,
                tally = System.Text.Json.JsonSerializer.Serialize(result.Tally.ToDictionary(t => t.Key.ToString(), t => t.Value)), turnout = result.Turnout, now,
            }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Row types with <see cref="DateTimeOffset"/> are classes with properties: Dapper passes positional
    /// constructor arguments without type handlers, and Npgsql reads timestamptz as DateTime.
    /// </summary>
    public sealed class Visit
    {
        public Guid Id { get; init; }
        public Guid GroupId { get; init; }
        public Guid HouseholdId { get; init; }
        public string VillageCode { get; init; } = "";
        public DateTime VisitedOn { get; init; }
        public string Findings { get; init; } = "";
        public string RecordedBy { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }
    }

    public static Task InsertVisitsAsync(this NpgsqlConnection connection, IReadOnlyList<Visit> visits, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO visits (id, group_id, household_id, village_code, visited_on, findings, recorded_by, recorded_at)
            SELECT v.id, @GroupId, v.household_id, @VillageCode, v.visited_on, v.findings, @RecordedBy, @RecordedAt
            FROM unnest(@Ids, @HouseholdIds, @Days, @Findings) AS v (id, household_id, visited_on, findings)
            """,
            new
            {
                visits[0].GroupId, visits[0].VillageCode, visits[0].RecordedBy, visits[0].RecordedAt,
                Ids = visits.Select(v => v.Id).ToArray(), HouseholdIds = visits.Select(v => v.HouseholdId).ToArray(),
                Days = visits.Select(v => v.VisitedOn).ToArray(), Findings = visits.Select(v => v.Findings).ToArray(),
            }, transaction, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<Visit>> VisitsAsync(this NpgsqlConnection connection, Guid groupId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Visit>(new CommandDefinition(
            "SELECT id, group_id, household_id, village_code, visited_on, findings, recorded_by, recorded_at FROM visits WHERE group_id = @groupId ORDER BY visited_on DESC, recorded_at DESC",
            new { groupId }, cancellationToken: cancellationToken))).AsList();

    public static Task InsertWarningAsync(this NpgsqlConnection connection, EarlyWarning warning, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO early_warnings (id, village_code, town_code, group_id, category, severity, household_ids, description, raised_by, raised_at, dispute_report_id)
            VALUES (@Id, @VillageCode, @TownCode, @GroupId, @Category, @Severity, @HouseholdIds, @Description, @RaisedBy, @RaisedAt, @DisputeReportId)
            """,
            new
            {
                warning.Id, warning.VillageCode, warning.TownCode, warning.GroupId, Category = warning.Category.ToString(), warning.Severity,
                HouseholdIds = warning.HouseholdIds.ToArray(), warning.Description, warning.RaisedBy, warning.RaisedAt, warning.DisputeReportId,
            }, transaction, cancellationToken: cancellationToken));

    public sealed class WarningView
    {
        public Guid Id { get; init; }
        public string VillageCode { get; init; } = "";
        public Guid? GroupId { get; init; }
        public string Category { get; init; } = "";
        public int Severity { get; init; }
        public Guid[] HouseholdIds { get; init; } = [];
        public string Description { get; init; } = "";
        public DateTimeOffset RaisedAt { get; init; }
        public Guid? DisputeReportId { get; init; }
    }

    public static async Task<IReadOnlyList<WarningView>> ListWarningsAsync(this NpgsqlConnection connection, string villageCode, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<WarningView>(new CommandDefinition(
            "SELECT id, village_code, group_id, category, severity, household_ids, description, raised_at, dispute_report_id FROM early_warnings WHERE village_code = @villageCode ORDER BY raised_at DESC",
            new { villageCode }, cancellationToken: cancellationToken))).AsList();

    private sealed class AppealRow
    {
        public Guid Id { get; init; }
        public string VillageCode { get; init; } = "";
        public string TownCode { get; init; } = "";
        public Guid? HouseholdId { get; init; }
        public string Need { get; init; } = "";
        public string CollectedBy { get; init; } = "";
        public DateTimeOffset CollectedAt { get; init; }
        public string Status { get; init; } = "";
        public string? Department { get; init; }
        public DateTimeOffset? AssignedAt { get; init; }
        public string? Resolution { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }

        public Appeal ToDomain() => Appeal.Restore(Id, VillageCode, TownCode, HouseholdId, Need, CollectedBy, CollectedAt, Status, Department, AssignedAt, Resolution, ClosedAt);
    }

    private const string AppealColumns = "id, village_code, town_code, household_id, need, collected_by, collected_at, status, department, assigned_at, resolution, closed_at";

    public static Task SaveAppealAsync(this NpgsqlConnection connection, Appeal appeal, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO appeals ({AppealColumns})
            VALUES (@Id, @VillageCode, @TownCode, @HouseholdId, @Need, @CollectedBy, @CollectedAt, @Status, @Department, @AssignedAt, @Resolution, @ClosedAt)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, department = excluded.department, assigned_at = excluded.assigned_at,
                resolution = excluded.resolution, closed_at = excluded.closed_at
            """,
            new
            {
                appeal.Id, appeal.VillageCode, appeal.TownCode, appeal.HouseholdId, appeal.Need, appeal.CollectedBy, appeal.CollectedAt,
                Status = appeal.Status.ToString(), appeal.Department, appeal.AssignedAt, appeal.Resolution, appeal.ClosedAt,
            }, transaction, cancellationToken: cancellationToken));

    public static async Task<Appeal?> FindAppealAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, bool forUpdate, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<AppealRow>(new CommandDefinition(
            $"SELECT {AppealColumns} FROM appeals WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""), new { id }, transaction, cancellationToken: cancellationToken)))?.ToDomain();

    public static async Task<IReadOnlyList<Appeal>> ListAppealsAsync(this NpgsqlConnection connection, string villageCode, AppealStatus? status, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<AppealRow>(new CommandDefinition(
            $"SELECT {AppealColumns} FROM appeals WHERE village_code = @villageCode AND (@status::text IS NULL OR status = @status) ORDER BY collected_at DESC",
            new { villageCode, status = status?.ToString() }, cancellationToken: cancellationToken)))
        .Select(row => row.ToDomain()).ToList();

    public sealed record VillageFigures(
        string VillageCode, string Name, bool IsPilot, int Groups, int GroupsWithHead, int Visits, int Warnings, int HighSeverityWarnings,
        int AppealsCollected, int AppealsSolved, int AppealsAnswered, int DisputesHandledLocally, int DisputesReported, int DisputesResolvedByMediation);

    /// <summary>The figures of section (五) of the annual report, per village, for a period.</summary>
    public static async Task<IReadOnlyList<VillageFigures>> FiguresAsync(this NpgsqlConnection connection, string townCode, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<VillageFigures>(new CommandDefinition(
            """
            SELECT v.code AS village_code, v.name, v.is_pilot,
              (SELECT count(*)::int FROM ten_household_groups g WHERE g.village_code = v.code) AS "groups",
              (SELECT count(*)::int FROM ten_household_groups g WHERE g.village_code = v.code AND g.head_household_id IS NOT NULL) AS groups_with_head,
              (SELECT count(*)::int FROM visits x WHERE x.village_code = v.code AND x.recorded_at >= @start AND x.recorded_at < @end) AS visits,
              (SELECT count(*)::int FROM early_warnings w WHERE w.village_code = v.code AND w.raised_at >= @start AND w.raised_at < @end) AS warnings,
              (SELECT count(*)::int FROM early_warnings w WHERE w.village_code = v.code AND w.severity = 3 AND w.raised_at >= @start AND w.raised_at < @end) AS high_severity_warnings,
              (SELECT count(*)::int FROM appeals a WHERE a.village_code = v.code AND a.collected_at >= @start AND a.collected_at < @end) AS appeals_collected,
              (SELECT count(*)::int FROM appeals a WHERE a.village_code = v.code AND a.status = 'Solved' AND a.closed_at >= @start AND a.closed_at < @end) AS appeals_solved,
              (SELECT count(*)::int FROM appeals a WHERE a.village_code = v.code AND a.status = 'Answered' AND a.closed_at >= @start AND a.closed_at < @end) AS appeals_answered,
              (SELECT count(*)::int FROM dispute_reports d WHERE d.village_code = v.code AND d.status = 'HandledLocally' AND d.reported_at >= @start AND d.reported_at < @end) AS disputes_handled_locally,
              (SELECT count(*)::int FROM dispute_reports d WHERE d.village_code = v.code AND d.status <> 'HandledLocally' AND d.reported_at >= @start AND d.reported_at < @end) AS disputes_reported,
              (SELECT count(*)::int FROM dispute_reports d WHERE d.village_code = v.code AND d.status = 'Resolved' AND d.resolved_at >= @start AND d.resolved_at < @end) AS disputes_resolved_by_mediation
            FROM villages v WHERE v.town_code = @townCode ORDER BY v.code
            """, new { townCode, start, end }, cancellationToken: cancellationToken))).AsList();
}
