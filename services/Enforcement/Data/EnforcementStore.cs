using Dapper;
using Npgsql;
using Zaili.Enforcement.Domain;

namespace Zaili.Enforcement.Data;

/// <summary>SQL for enforcement. Every write runs in the caller's transaction.</summary>
public static class EnforcementStore
{
    public sealed class OfficerRow
    {
        public Guid Id { get; init; }
        public string TownCode { get; init; } = "";
        public string Department { get; init; } = "";
        public string Name { get; init; } = "";
        public string PersonKey { get; init; } = "";
        public string IdentityMasked { get; init; } = "";
        public DateTimeOffset RegisteredAt { get; init; }
    }

    public static Task InsertOfficerAsync(this NpgsqlConnection connection, OfficerRow officer, byte[] identityCipher, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO officers (id, town_code, department, name, identity_cipher, person_key, identity_masked, registered_at)
            VALUES (@Id, @TownCode, @Department, @Name, @identityCipher, @PersonKey, @IdentityMasked, @RegisteredAt)
            """, new { officer.Id, officer.TownCode, officer.Department, officer.Name, identityCipher, officer.PersonKey, officer.IdentityMasked, officer.RegisteredAt },
            transaction, cancellationToken: cancellationToken));

    public static Task<OfficerRow?> FindOfficerAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<OfficerRow>(new CommandDefinition(
            "SELECT id, town_code, department, name, person_key, identity_masked, registered_at FROM officers WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<OfficerRow>> ListOfficersAsync(this NpgsqlConnection connection, string townCode, string? department, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<OfficerRow>(new CommandDefinition(
            "SELECT id, town_code, department, name, person_key, identity_masked, registered_at FROM officers WHERE town_code = @townCode AND (@department::text IS NULL OR department = @department) ORDER BY department, name",
            new { townCode, department }, cancellationToken: cancellationToken))).AsList();

    public static Task RecordPassedExamAsync(this NpgsqlConnection connection, string personKey, int year, Guid sessionId, decimal score, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO passed_exams (person_key, year, session_id, score) VALUES (@personKey, @year, @sessionId, @score) ON CONFLICT DO NOTHING",
            new { personKey, year, sessionId, score }, transaction, cancellationToken: cancellationToken));

    public static Task<bool> PassedExamAsync(this NpgsqlConnection connection, string personKey, int year, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM passed_exams WHERE person_key = @personKey AND year = @year)", new { personKey, year }, transaction, cancellationToken: cancellationToken));

    private sealed class CertificateRow
    {
        public Guid Id { get; init; }
        public Guid OfficerId { get; init; }
        public string Number { get; init; } = "";
        public DateTime IssuedOn { get; init; }
        public DateTime ValidUntil { get; init; }
        public string Status { get; init; } = "";
        public int? LastReviewYear { get; init; }

        public Certificate ToDomain() => Certificate.Restore(Id, OfficerId, Number, DateOnly.FromDateTime(IssuedOn), DateOnly.FromDateTime(ValidUntil), Status, LastReviewYear);
    }

    public static Task SaveCertificateAsync(this NpgsqlConnection connection, Certificate c, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO certificates (id, officer_id, number, issued_on, valid_until, status, last_review_year)
            VALUES (@Id, @OfficerId, @Number, @IssuedOn, @ValidUntil, @Status, @LastReviewYear)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, last_review_year = excluded.last_review_year
            """, new
            {
                c.Id, c.OfficerId, c.Number, IssuedOn = c.IssuedOn.ToDateTime(TimeOnly.MinValue), ValidUntil = c.ValidUntil.ToDateTime(TimeOnly.MinValue),
                Status = c.Status.ToString(), c.LastReviewYear,
            }, transaction, cancellationToken: cancellationToken));

    public static async Task<Certificate?> FindCertificateAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, bool forUpdate, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<CertificateRow>(new CommandDefinition(
            "SELECT id, officer_id, number, issued_on, valid_until, status, last_review_year FROM certificates WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""),
            new { id }, transaction, cancellationToken: cancellationToken)))?.ToDomain();

    /// <summary>The officers' certificates in force (not revoked), by officer.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Certificate>> CertificatesOfAsync(this NpgsqlConnection connection, IReadOnlyCollection<Guid> officerIds, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<CertificateRow>(new CommandDefinition(
            "SELECT id, officer_id, number, issued_on, valid_until, status, last_review_year FROM certificates WHERE officer_id = ANY(@ids) AND status <> 'Revoked'",
            new { ids = officerIds.ToArray() }, transaction, cancellationToken: cancellationToken)))
        .ToDictionary(r => r.OfficerId, r => r.ToDomain());

    public sealed class CaseRow
    {
        public Guid Id { get; init; }
        public string TownCode { get; init; } = "";
        public string Department { get; init; } = "";
        public string Kind { get; init; } = "";
        public string PartyName { get; init; } = "";
        public string? PartyCreditCode { get; init; }
        public string? PartyIdentityMasked { get; init; }
        public string LegalBasis { get; init; } = "";
        public string Status { get; init; } = "";
        public bool ExplainLawThroughCase { get; init; }
        public string[] LawsApplied { get; init; } = [];
        public DateTimeOffset OpenedAt { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public bool Major { get; init; }
        public string? DecisionContent { get; init; }
        public DateTimeOffset? DecidedAt { get; init; }
        public DateTime? PublishDueOn { get; init; }
        public DateTimeOffset? PublishedAt { get; init; }
        public string? LatestOpinion { get; init; }
    }

    private const string CaseColumns = """
        id, town_code, department, kind, party_name, party_credit_code, party_identity_masked, legal_basis, status,
        explain_law_through_case, laws_applied, opened_at, closed_at, major, decision_content, decided_at, publish_due_on, published_at,
        (SELECT r.opinion FROM legal_reviews r WHERE r.case_id = cases.id ORDER BY r.reviewed_at DESC LIMIT 1) AS latest_opinion
        """;

    public sealed record CaseFilter(string? TownCode, string? Department, string? Kind, string? Status, bool? Major, bool? AwaitingPublication, int Limit, int Offset);

    /// <summary>Newest first; the department bound is applied here, in SQL, so a page is never short of the caller's own cases.</summary>
    public static async Task<IReadOnlyList<CaseRow>> ListCasesAsync(this NpgsqlConnection connection, CaseFilter filter, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<CaseRow>(new CommandDefinition(
            $"""
            SELECT {CaseColumns} FROM cases
            WHERE (@TownCode::text IS NULL OR town_code = @TownCode)
              AND (@Department::text IS NULL OR department = @Department)
              AND (@Kind::text IS NULL OR kind = @Kind)
              AND (@Status::text IS NULL OR status = @Status)
              AND (@Major::boolean IS NULL OR major = @Major)
              AND (@AwaitingPublication::boolean IS NULL OR (decided_at IS NOT NULL AND published_at IS NULL) = @AwaitingPublication)
            ORDER BY opened_at DESC, id
            LIMIT @Limit OFFSET @Offset
            """, filter, cancellationToken: cancellationToken))).AsList();

    public sealed class LegalReviewRow
    {
        public Guid Id { get; init; }
        public string Reviewer { get; init; } = "";
        public string Opinion { get; init; } = "";
        public string Reasons { get; init; } = "";
        public DateTimeOffset ReviewedAt { get; init; }
    }

    public static async Task<IReadOnlyList<LegalReviewRow>> LegalReviewsAsync(this NpgsqlConnection connection, Guid caseId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<LegalReviewRow>(new CommandDefinition(
            "SELECT id, reviewer, opinion, reasons, reviewed_at FROM legal_reviews WHERE case_id = @caseId ORDER BY reviewed_at", new { caseId }, cancellationToken: cancellationToken))).AsList();

    public static Task InsertCaseAsync(this NpgsqlConnection connection, CaseRow c, byte[]? partyIdentityCipher, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO cases (id, town_code, department, kind, party_name, party_credit_code, party_identity_cipher, party_identity_masked, legal_basis, status, opened_at)
            VALUES (@Id, @TownCode, @Department, @Kind, @PartyName, @PartyCreditCode, @partyIdentityCipher, @PartyIdentityMasked, @LegalBasis, @Status, @OpenedAt)
            """, new { c.Id, c.TownCode, c.Department, c.Kind, c.PartyName, c.PartyCreditCode, partyIdentityCipher, c.PartyIdentityMasked, c.LegalBasis, c.Status, c.OpenedAt },
            transaction, cancellationToken: cancellationToken));

    public static Task<CaseRow?> FindCaseAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, bool forUpdate, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(
            $"SELECT {CaseColumns} FROM cases WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""), new { id }, transaction, cancellationToken: cancellationToken));

    public static Task CloseCaseAsync(this NpgsqlConnection connection, Guid id, bool explain, string[] laws, DateTimeOffset closedAt, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE cases SET status = 'Closed', explain_law_through_case = @explain, laws_applied = @laws, closed_at = @closedAt WHERE id = @id",
            new { id, explain, laws, closedAt }, transaction, cancellationToken: cancellationToken));

    public static Task AssignOfficersAsync(this NpgsqlConnection connection, Guid caseId, IEnumerable<Guid> officerIds, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO case_officers (case_id, officer_id) VALUES (@caseId, @officerId) ON CONFLICT DO NOTHING",
            officerIds.Select(officerId => new { caseId, officerId }), transaction, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<Guid>> CaseOfficersAsync(this NpgsqlConnection connection, Guid caseId, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Guid>(new CommandDefinition("SELECT officer_id FROM case_officers WHERE case_id = @caseId", new { caseId }, transaction, cancellationToken: cancellationToken))).AsList();

    private sealed class RecordRow
    {
        public int Sequence { get; init; }
        public string Step { get; init; } = "";
        public string Actor { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }
        public string Content { get; init; } = "";
        public string[] AttachmentHashes { get; init; } = [];
        public string PreviousHash { get; init; } = "";
        public string Hash { get; init; } = "";
    }

    public static Task AppendRecordAsync(this NpgsqlConnection connection, Guid caseId, CaseRecord r, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO case_records (case_id, sequence, step, actor, recorded_at, content, attachment_hashes, previous_hash, hash)
            VALUES (@caseId, @Sequence, @Step, @Actor, @RecordedAt, @Content, @AttachmentHashes, @PreviousHash, @Hash)
            """, new { caseId, r.Sequence, Step = r.Step.ToString(), r.Actor, r.RecordedAt, r.Content, AttachmentHashes = r.AttachmentHashes.ToArray(), r.PreviousHash, r.Hash },
            transaction, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<CaseRecord>> RecordsAsync(this NpgsqlConnection connection, Guid caseId, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<RecordRow>(new CommandDefinition(
            "SELECT sequence, step, actor, recorded_at, content, attachment_hashes, previous_hash, hash FROM case_records WHERE case_id = @caseId ORDER BY sequence",
            new { caseId }, transaction, cancellationToken: cancellationToken)))
        .Select(r => new CaseRecord(r.Sequence, Enum.Parse<CaseStep>(r.Step), r.Actor, r.RecordedAt, r.Content, r.AttachmentHashes, r.PreviousHash, r.Hash)).ToList();
}
