using Dapper;
using Npgsql;
using Zaili.Mediation.Domain;
using Zaili.ServiceDefaults.Data;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Data;

/// <summary>SQL for mediators, their trainings and grade applications. Personal data is stored encrypted.</summary>
public static class MediatorStore
{
    private sealed class MediatorRow
    {
        public Guid Id { get; init; }
        public string NodeCode { get; init; } = "";
        public string Name { get; init; } = "";
        public string IdentityMasked { get; init; } = "";
        public byte[] PhoneCipher { get; init; } = [];
        public string? Grade { get; init; }
        public bool Active { get; init; }
        public DateTimeOffset RegisteredAt { get; init; }
    }

    private const string MediatorColumns = "id, node_code, name, identity_masked, phone_cipher, grade, active, registered_at";

    public static Task<bool> IdentityRegisteredAsync(this NpgsqlConnection connection, string identityHash, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM mediators WHERE identity_hash = @identityHash)", new { identityHash }, transaction, cancellationToken: cancellationToken));

    public static Task InsertMediatorAsync(this NpgsqlConnection connection, Mediator mediator, string identityNumber, PersonalDataProtector protector, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO mediators (id, node_code, name, identity_cipher, identity_hash, identity_masked, phone_cipher, phone_masked, grade, active, registered_at)
            VALUES (@Id, @NodeCode, @Name, @IdentityCipher, @IdentityHash, @IdentityMasked, @PhoneCipher, @PhoneMasked, @Grade, true, @RegisteredAt)
            """,
            new
            {
                mediator.Id,
                mediator.NodeCode,
                mediator.Name,
                IdentityCipher = protector.Protect(identityNumber),
                IdentityHash = protector.LookupHash(identityNumber),
                mediator.IdentityMasked,
                PhoneCipher = protector.Protect(mediator.Phone),
                PhoneMasked = PhoneNumbers.Mask(mediator.Phone),
                Grade = mediator.Grade?.ToString(),
                mediator.RegisteredAt,
            },
            transaction, cancellationToken: cancellationToken));

    public static Task UpdateMediatorGradeAsync(this NpgsqlConnection connection, Mediator mediator, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE mediators SET grade = @Grade WHERE id = @Id",
            new { mediator.Id, Grade = mediator.Grade?.ToString() }, transaction, cancellationToken: cancellationToken));

    public static async Task<Mediator?> FindMediatorAsync(this NpgsqlConnection connection, Guid id, PersonalDataProtector protector, NpgsqlTransaction? transaction, bool forUpdate, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<MediatorRow>(new CommandDefinition(
            $"SELECT {MediatorColumns} FROM mediators WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""), new { id }, transaction, cancellationToken: cancellationToken));
        return row is null ? null : Restore(row, protector);
    }

    public static async Task<IReadOnlyList<Mediator>> ListMediatorsAsync(this NpgsqlConnection connection, string? nodeCode, PersonalDataProtector protector, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<MediatorRow>(new CommandDefinition(
            $"""
            WITH RECURSIVE subtree AS (
                SELECT code FROM network_nodes WHERE code = @nodeCode
                UNION ALL
                SELECT n.code FROM network_nodes n JOIN subtree s ON n.parent_code = s.code
            )
            SELECT {MediatorColumns} FROM mediators
            WHERE @nodeCode::text IS NULL OR node_code IN (SELECT code FROM subtree)
            ORDER BY node_code, name
            """, new { nodeCode }, cancellationToken: cancellationToken)))
        .Select(row => Restore(row, protector)).ToList();

    public sealed record PublicMediator(string Name, string? Grade, string NodeCode, string NodeName, string Phone);

    /// <summary>The 公示 of a node and the nodes below it: names, grades, masked phones only.</summary>
    public static async Task<IReadOnlyList<PublicMediator>> PublicListAsync(this NpgsqlConnection connection, string nodeCode, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<PublicMediator>(new CommandDefinition(
            """
            WITH RECURSIVE subtree AS (
                SELECT code FROM network_nodes WHERE code = @nodeCode
                UNION ALL
                SELECT n.code FROM network_nodes n JOIN subtree s ON n.parent_code = s.code
            )
            SELECT m.name, m.grade, m.node_code, n.name AS node_name, m.phone_masked AS phone
            FROM mediators m JOIN network_nodes n ON n.code = m.node_code
            WHERE m.active AND m.node_code IN (SELECT code FROM subtree)
            ORDER BY n.level DESC, m.node_code, m.grade NULLS LAST, m.name
            """, new { nodeCode }, cancellationToken: cancellationToken))).AsList();

    private static Mediator Restore(MediatorRow row, PersonalDataProtector protector) =>
        Mediator.Restore(row.Id, row.NodeCode, row.Name, row.IdentityMasked, protector.Unprotect(row.PhoneCipher), row.Grade, row.Active, row.RegisteredAt);

    public sealed record Training(Guid Id, Guid MediatorId, DateTime HeldOn, string Title, decimal Hours);

    public static Task InsertTrainingAsync(this NpgsqlConnection connection, Training training, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO mediator_trainings (id, mediator_id, held_on, title, hours) VALUES (@Id, @MediatorId, @HeldOn, @Title, @Hours)",
            training, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<Training>> TrainingsAsync(this NpgsqlConnection connection, Guid mediatorId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Training>(new CommandDefinition(
            "SELECT id, mediator_id, held_on, title, hours FROM mediator_trainings WHERE mediator_id = @mediatorId ORDER BY held_on",
            new { mediatorId }, cancellationToken: cancellationToken))).AsList();

    private sealed class ApplicationRow
    {
        public Guid Id { get; init; }
        public Guid MediatorId { get; init; }
        public string RequestedGrade { get; init; } = "";
        public DateTimeOffset AppliedAt { get; init; }
        public string Status { get; init; } = "";
        public string? EvaluatedBy { get; init; }
        public DateTimeOffset? EvaluatedAt { get; init; }
        public string? Reasons { get; init; }

        public GradeApplication ToDomain() => GradeApplication.Restore(Id, MediatorId, RequestedGrade, AppliedAt, Status, EvaluatedBy, EvaluatedAt, Reasons);
    }

    private const string ApplicationColumns = "id, mediator_id, requested_grade, applied_at, status, evaluated_by, evaluated_at, reasons";

    public static Task<bool> HasPendingApplicationAsync(this NpgsqlConnection connection, Guid mediatorId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM grade_applications WHERE mediator_id = @mediatorId AND status = 'Applied')",
            new { mediatorId }, transaction, cancellationToken: cancellationToken));

    public static Task SaveApplicationAsync(this NpgsqlConnection connection, GradeApplication application, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO grade_applications (id, mediator_id, requested_grade, applied_at, status, evaluated_by, evaluated_at, reasons)
            VALUES (@Id, @MediatorId, @RequestedGrade, @AppliedAt, @Status, @EvaluatedBy, @EvaluatedAt, @Reasons)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, evaluated_by = excluded.evaluated_by,
                evaluated_at = excluded.evaluated_at, reasons = excluded.reasons
            """,
            new
            {
                application.Id,
                application.MediatorId,
                RequestedGrade = application.RequestedGrade.ToString(),
                application.AppliedAt,
                Status = application.Status.ToString(),
                application.EvaluatedBy,
                application.EvaluatedAt,
                application.Reasons,
            }, transaction, cancellationToken: cancellationToken));

    public static async Task<GradeApplication?> FindApplicationAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, bool forUpdate, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition(
            $"SELECT {ApplicationColumns} FROM grade_applications WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""),
            new { id }, transaction, cancellationToken: cancellationToken)))?.ToDomain();

    public static async Task<IReadOnlyList<GradeApplication>> ListApplicationsAsync(this NpgsqlConnection connection, GradeApplicationStatus? status, Guid? mediatorId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ApplicationRow>(new CommandDefinition(
            $"""
            SELECT {ApplicationColumns} FROM grade_applications
            WHERE (@status::text IS NULL OR status = @status) AND (@mediatorId::uuid IS NULL OR mediator_id = @mediatorId)
            ORDER BY applied_at
            """, new { status = status?.ToString(), mediatorId }, cancellationToken: cancellationToken)))
        .Select(row => row.ToDomain()).ToList();
}
