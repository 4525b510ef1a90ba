using Dapper;
using Npgsql;
using Zaili.ServiceDefaults.Data;
using Zaili.LegalEducation.Domain;

namespace Zaili.LegalEducation.Data;

/// <summary>SQL for legal education. Every write runs in the caller's transaction.</summary>
public static class EducationStore
{
    /// <summary>Adds the laws not yet in the catalogue; returns the keys of all of them.</summary>
    public static async Task<IReadOnlyList<string>> EnsureLawsAsync(this NpgsqlConnection connection, IEnumerable<string> names, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var laws = LawCatalogue.Distinct(names);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO laws (key, name) VALUES (@Key, @Value) ON CONFLICT (key) DO NOTHING", laws, transaction, cancellationToken: cancellationToken));
        return laws.Keys.ToList();
    }

    public sealed record Law(string Key, string Name);

    public static async Task<IReadOnlyList<Law>> LawsAsync(this NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Law>(new CommandDefinition("SELECT key, name FROM laws ORDER BY key", cancellationToken: cancellationToken))).AsList();

    public sealed record NewActivity(
        Guid Id, string TownCode, ActivityKind Kind, SixIntosTarget? SixInto, DateOnly HeldOn, string Title, IReadOnlyList<string> Departments,
        string? VillageCode, int Materials, int PeopleReached, Guid? SourceCaseId, IReadOnlyList<string> LawKeys);

    /// <summary>Stores an activity; false when the enforcement case it comes from already has one.</summary>
    public static async Task<bool> InsertActivityAsync(this NpgsqlConnection connection, NewActivity a, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO activities (id, town_code, kind, six_into, held_on, title, departments, village_code, materials, people_reached, source_case_id, recorded_at)
            VALUES (@Id, @TownCode, @Kind, @SixInto, @HeldOn, @Title, @Departments, @VillageCode, @Materials, @PeopleReached, @SourceCaseId, @now)
            ON CONFLICT (source_case_id) DO NOTHING
            """,
            new
            {
                a.Id, a.TownCode, Kind = a.Kind.ToString(), SixInto = a.SixInto?.ToString(), HeldOn = a.HeldOn.ToDateTime(TimeOnly.MinValue), a.Title,
                Departments = a.Departments.ToArray(), a.VillageCode, a.Materials, a.PeopleReached, a.SourceCaseId, now,
            }, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO activity_laws (activity_id, law_key) VALUES (@Id, @key)", a.LawKeys.Select(key => new { a.Id, key }), transaction, cancellationToken: cancellationToken));
        return true;
    }

    public sealed class ActivityRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string? SixInto { get; init; }
        public DateTime HeldOn { get; init; }
        public string Title { get; init; } = "";
        public string[] Departments { get; init; } = [];
        public string? VillageCode { get; init; }
        public int Materials { get; init; }
        public int PeopleReached { get; init; }
        public Guid? SourceCaseId { get; init; }
        public string[] Laws { get; init; } = [];
    }

    public static async Task<IReadOnlyList<ActivityRow>> ActivitiesAsync(this NpgsqlConnection connection, string townCode, DateOnly from, DateOnly to, ActivityKind? kind, Guid? sourceCaseId, CancellationToken cancellationToken, int? limit = null, int offset = 0) =>
        (await connection.QueryAsync<ActivityRow>(new CommandDefinition(
            """
            SELECT a.id, a.kind, a.six_into, a.held_on, a.title, a.departments, a.village_code, a.materials, a.people_reached, a.source_case_id,
                   coalesce(array_agg(l.name ORDER BY l.key) FILTER (WHERE l.key IS NOT NULL), '{}') AS laws
            FROM activities a LEFT JOIN activity_laws al ON al.activity_id = a.id LEFT JOIN laws l ON l.key = al.law_key
            WHERE a.town_code = @townCode AND a.held_on BETWEEN @from AND @to AND (@kind::text IS NULL OR a.kind = @kind)
              AND (@sourceCaseId::uuid IS NULL OR a.source_case_id = @sourceCaseId)
            GROUP BY a.id ORDER BY a.held_on DESC, a.id
            LIMIT @limit OFFSET @offset
            """, new { townCode, from = from.ToDateTime(TimeOnly.MinValue), to = to.ToDateTime(TimeOnly.MinValue), kind = kind?.ToString(), sourceCaseId, limit, offset },
            cancellationToken: cancellationToken))).AsList();

    public static async Task InsertPlanAsync(this NpgsqlConnection connection, Guid id, string townCode, int year, string department, Responsibility responsibility, string duties,
        IEnumerable<(string Title, DateOnly DueOn)> tasks, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO plans (id, town_code, year, department, responsibility, duties) VALUES (@id, @townCode, @year, @department, @responsibility, @duties)",
            new { id, townCode, year, department, responsibility = responsibility.ToString(), duties }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO plan_tasks (id, plan_id, title, due_on) VALUES (@Id, @PlanId, @Title, @DueOn)",
            tasks.Select(t => new { Id = Guid.CreateVersion7(), PlanId = id, t.Title, DueOn = t.DueOn.ToDateTime(TimeOnly.MinValue) }), transaction, cancellationToken: cancellationToken));
    }

    public sealed class PlanRow
    {
        public Guid Id { get; init; }
        public int Year { get; init; }
        public string Department { get; init; } = "";
        public string Responsibility { get; init; } = "";
        public string Duties { get; init; } = "";
    }

    public sealed class TaskRow
    {
        public Guid Id { get; init; }
        public Guid PlanId { get; init; }
        public string Title { get; init; } = "";
        public DateTime DueOn { get; init; }
        public DateTime? CompletedOn { get; init; }
        public string? Evidence { get; init; }
    }

    public static async Task<(IReadOnlyList<PlanRow> Plans, IReadOnlyList<TaskRow> Tasks)> PlansAsync(this NpgsqlConnection connection, string townCode, int year, string? department, CancellationToken cancellationToken)
    {
        var plans = (await connection.QueryAsync<PlanRow>(new CommandDefinition(
            "SELECT id, year, department, responsibility, duties FROM plans WHERE town_code = @townCode AND year = @year AND (@department::text IS NULL OR department = @department) ORDER BY department",
            new { townCode, year, department }, cancellationToken: cancellationToken))).AsList();
        var tasks = (await connection.QueryAsync<TaskRow>(new CommandDefinition(
            "SELECT id, plan_id, title, due_on, completed_on, evidence FROM plan_tasks WHERE plan_id = ANY(@ids) ORDER BY due_on, title",
            new { ids = plans.Select(p => p.Id).ToArray() }, cancellationToken: cancellationToken))).AsList();
        return (plans, tasks);
    }

    public static Task<int> CompleteTaskAsync(this NpgsqlConnection connection, Guid planId, Guid taskId, DateOnly completedOn, string evidence, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE plan_tasks SET completed_on = @completedOn, evidence = @evidence WHERE id = @taskId AND plan_id = @planId AND completed_on IS NULL",
            new { planId, taskId, completedOn = completedOn.ToDateTime(TimeOnly.MinValue), evidence }, cancellationToken: cancellationToken));

    public sealed class SessionRow
    {
        public Guid Id { get; init; }
        public string TownCode { get; init; } = "";
        public int Year { get; init; }
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
        public DateTime HeldOn { get; init; }
        public decimal PassMark { get; init; }
    }

    public static Task<IReadOnlyList<SessionRow>> SessionsAsync(this NpgsqlDataSource db, string townCode, int? year, CancellationToken cancellationToken) =>
        db.QueryListAsync<SessionRow>(
            """
            SELECT id, town_code, year, kind, title, held_on, pass_mark FROM exam_sessions
            WHERE town_code = @townCode AND (@year::integer IS NULL OR year = @year)
            ORDER BY held_on DESC, id LIMIT 200
            """, new { townCode, year }, cancellationToken);

    public static Task InsertSessionAsync(this NpgsqlConnection connection, SessionRow s, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO exam_sessions (id, town_code, year, kind, title, held_on, pass_mark) VALUES (@Id, @TownCode, @Year, @Kind, @Title, @HeldOn, @PassMark)",
            s, cancellationToken: cancellationToken));

    public static Task<SessionRow?> FindSessionAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            "SELECT id, town_code, year, kind, title, held_on, pass_mark FROM exam_sessions WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));

    public sealed record EnrolmentRow(Guid SessionId, string PersonKey, string Name, string Group, string Department, byte[] IdentityCipher, string IdentityMasked);

    public static Task EnrolAsync(this NpgsqlConnection connection, IEnumerable<EnrolmentRow> rows, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO exam_enrolments (session_id, person_key, name, "group", department, identity_cipher, identity_masked)
            VALUES (@SessionId, @PersonKey, @Name, @Group, @Department, @IdentityCipher, @IdentityMasked)
            ON CONFLICT (session_id, person_key) DO UPDATE SET name = excluded.name, "group" = excluded."group", department = excluded.department
            """, rows, transaction, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<Enrolment>> RosterAsync(this NpgsqlConnection connection, Guid sessionId, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(string PersonKey, string Group)>(new CommandDefinition(
            "SELECT person_key, \"group\" FROM exam_enrolments WHERE session_id = @sessionId", new { sessionId }, transaction, cancellationToken: cancellationToken)))
        .Select(r => new Enrolment(r.PersonKey, Enum.Parse<ExamGroup>(r.Group))).ToList();

    public static async Task<IReadOnlyList<Attempt>> AttemptsAsync(this NpgsqlConnection connection, Guid sessionId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(string PersonKey, decimal Score)>(new CommandDefinition(
            "SELECT person_key, score FROM exam_attempts WHERE session_id = @sessionId", new { sessionId }, cancellationToken: cancellationToken)))
        .Select(r => new Attempt(r.PersonKey, r.Score)).ToList();

    public static Task InsertAttemptAsync(this NpgsqlConnection connection, Guid sessionId, string personKey, decimal score, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO exam_attempts (id, session_id, person_key, score, recorded_at) VALUES (@id, @sessionId, @personKey, @score, @now)",
            new { id = Guid.CreateVersion7(now), sessionId, personKey, score, now }, transaction, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<SessionRow>> SessionsAsync(this NpgsqlConnection connection, string townCode, int year, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<SessionRow>(new CommandDefinition(
            "SELECT id, town_code, year, kind, title, held_on, pass_mark FROM exam_sessions WHERE town_code = @townCode AND year = @year ORDER BY held_on",
            new { townCode, year }, cancellationToken: cancellationToken))).AsList();

    public static Task InsertPositionAsync(this NpgsqlConnection connection, Guid id, string villageCode, string kind, string name, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO positions (id, village_code, kind, name, created_at) VALUES (@id, @villageCode, @kind, @name, @now)",
            new { id, villageCode, kind, name, now }, transaction, cancellationToken: cancellationToken));

    public static Task InsertUpgradeAsync(this NpgsqlConnection connection, Guid positionId, DateOnly upgradedOn, decimal amount, string description, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO position_upgrades (id, position_id, upgraded_on, amount, description) VALUES (@id, @positionId, @upgradedOn, @amount, @description)",
            new { id = Guid.CreateVersion7(), positionId, upgradedOn = upgradedOn.ToDateTime(TimeOnly.MinValue), amount, description }, transaction, cancellationToken: cancellationToken));

    public sealed record PositionRow(Guid Id, string VillageCode, string TownCode, string VillageName, string Kind, string Name);

    public static Task<PositionRow?> FindPositionAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<PositionRow>(new CommandDefinition(
            """
            SELECT p.id, p.village_code, v.town_code, v.name AS village_name, p.kind, p.name
            FROM positions p JOIN villages v ON v.code = p.village_code WHERE p.id = @id FOR SHARE OF p
            """, new { id }, transaction, cancellationToken: cancellationToken));

    /// <summary>A class, not a positional record: Dapper cannot hand an array column to a constructor.</summary>
    public sealed class PositionCoverage
    {
        public int Villages { get; init; }
        public int VillagesWithBoard { get; init; }
        public int Squares { get; init; }
        public int Boards { get; init; }
        public int UpgradesInYear { get; init; }
        public decimal SpentInYear { get; init; }
        public string[] VillagesWithoutBoard { get; init; } = [];
    }

    public static Task<PositionCoverage> PositionCoverageAsync(this NpgsqlConnection connection, string townCode, int year, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<PositionCoverage>(new CommandDefinition(
            """
            SELECT
              (SELECT count(*)::int FROM villages WHERE town_code = @townCode) AS villages,
              (SELECT count(DISTINCT p.village_code)::int FROM positions p JOIN villages v ON v.code = p.village_code WHERE v.town_code = @townCode AND p.kind = 'BulletinBoard') AS villages_with_board,
              (SELECT count(*)::int FROM positions p JOIN villages v ON v.code = p.village_code WHERE v.town_code = @townCode AND p.kind = 'Square') AS squares,
              (SELECT count(*)::int FROM positions p JOIN villages v ON v.code = p.village_code WHERE v.town_code = @townCode AND p.kind = 'BulletinBoard') AS boards,
              (SELECT count(*)::int FROM position_upgrades u JOIN positions p ON p.id = u.position_id JOIN villages v ON v.code = p.village_code
                 WHERE v.town_code = @townCode AND extract(year FROM u.upgraded_on) = @year) AS upgrades_in_year,
              (SELECT coalesce(sum(u.amount), 0) FROM position_upgrades u JOIN positions p ON p.id = u.position_id JOIN villages v ON v.code = p.village_code
                 WHERE v.town_code = @townCode AND extract(year FROM u.upgraded_on) = @year) AS spent_in_year,
              (SELECT coalesce(array_agg(v.name ORDER BY v.code), '{}') FROM villages v WHERE v.town_code = @townCode
                 AND NOT EXISTS (SELECT 1 FROM positions p WHERE p.village_code = v.code AND p.kind = 'BulletinBoard')) AS villages_without_board
            """, new { townCode, year }, cancellationToken: cancellationToken));
}
