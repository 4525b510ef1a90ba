using System.ComponentModel.DataAnnotations;
using Dapper;
using Npgsql;
using Zaili.Contracts;
using Zaili.Enforcement.Data;
using Zaili.Enforcement.Domain;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Http;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Enforcement.Apis;

/// <summary>Enforcement cases (执法案件) with their tamper-evident full-process record (执法全过程记录).</summary>
public static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/enforcement/cases", "Cases", StaffAccess.ReadWrite([StaffRoles.JusticeOffice, StaffRoles.EnforcementDepartment], [StaffRoles.EnforcementDepartment]));
        group.MapPost("/", RegisterAsync).WithName("RegisterEnforcementCase")
            .WithSummary("Registers a case with at least two officers holding valid certificates; the first record of its chain.");
        group.MapGet("/", ListAsync).WithName("ListEnforcementCases")
            .WithSummary("Cases newest first, filtered by town, department, kind, status, major and awaiting publication; a department sees its own.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetEnforcementCase");
        group.MapPost("/{id:guid}/records", AppendAsync).WithName("AppendCaseRecord").WithSummary("Appends a step to the record chain; records are never edited or deleted.");
        group.MapGet("/{id:guid}/records/verification", VerifyAsync).WithName("VerifyCaseRecords").WithSummary("Recomputes the chain and names where it breaks.");
        group.MapPost("/{id:guid}/closure", CloseAsync).WithName("CloseEnforcementCase")
            .WithSummary("Closes the case; marked for 以案释法 it publishes EnforcementCaseClosed for legal education.");
        return group;
    }

    public sealed record PartyInput
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(100, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Name { get; init; }

        [UnifiedSocialCreditCode]
        public string? CreditCode { get; init; }

        [ResidentIdentityNumber]
        public string? IdentityNumber { get; init; }
    }

    public sealed record RegisterRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? TownCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(50, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Department { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public CaseKind? Kind { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public PartyInput? Party { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(2000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? LegalBasis { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(8000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Facts { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), Length(2, 10, ErrorMessage = ValidationMessages.Count)]
        public List<Guid>? OfficerIds { get; init; }

        /// <summary>A major decision (重大执法决定) that needs the legal reviewer's approval.</summary>
        public bool Major { get; init; }
    }

    public sealed record RecordRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public CaseStep? Step { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(8000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Content { get; init; }

        [Length(0, 20, ErrorMessage = ValidationMessages.Count)]
        public List<string>? AttachmentHashes { get; init; }
    }

    public sealed record ClosureRequest
    {
        public bool ExplainLawThroughCase { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 20, ErrorMessage = ValidationMessages.Count)]
        public List<string>? LawsApplied { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(2000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Summary { get; init; }
    }

    /// <summary>A case as staff see it: its facts, where its decision stands, and what can be done next.</summary>
    public sealed record CaseView(
        Guid Id, string TownCode, string Department, CaseKind Kind, string PartyName, string? PartyCreditCode, string? PartyIdentityMasked,
        string LegalBasis, string Status, bool Major, LegalOpinion? LatestOpinion, string? DecisionContent, DateTimeOffset? DecidedAt,
        DateOnly? PublishDueOn, DateTimeOffset? PublishedAt, bool PublicationOverdue, bool ExplainLawThroughCase, IReadOnlyList<string> LawsApplied,
        DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, IReadOnlyList<EnforcementAction> AllowedActions)
    {
        public static CaseView Of(EnforcementStore.CaseRow row, DateTimeOffset now)
        {
            var opinion = row.LatestOpinion is null ? (LegalOpinion?)null : Enum.Parse<LegalOpinion>(row.LatestOpinion);
            var due = row.PublishDueOn is { } d ? DateOnly.FromDateTime(d) : (DateOnly?)null;
            var stage = new EnforcementCaseStage(row.Status == "Open", row.Major, opinion, row.DecidedAt is not null, row.PublishedAt is not null);
            return new CaseView(
                row.Id, row.TownCode.Trim(), row.Department, Enum.Parse<CaseKind>(row.Kind), row.PartyName, row.PartyCreditCode, row.PartyIdentityMasked,
                row.LegalBasis, row.Status, row.Major, opinion, row.DecisionContent, row.DecidedAt, due, row.PublishedAt,
                EnforcementCaseStage.PublicationOverdue(due, row.PublishedAt is not null, ChinaTime.DateOf(now)), row.ExplainLawThroughCase, row.LawsApplied,
                row.OpenedAt, row.ClosedAt, stage.AllowedActions());
        }
    }

    public sealed record CaseDetail(CaseView Case, IReadOnlyList<Guid> OfficerIds, IReadOnlyList<CaseRecord> Records, IReadOnlyList<EnforcementStore.LegalReviewRow> LegalReviews);

    private static async Task<CaseDetail> DetailAsync(NpgsqlConnection connection, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = (await connection.FindCaseAsync(id, null, forUpdate: false, cancellationToken))!;
        return new CaseDetail(CaseView.Of(row, now), await connection.CaseOfficersAsync(id, null, cancellationToken),
            await connection.RecordsAsync(id, null, cancellationToken), await connection.LegalReviewsAsync(id, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<CaseView>>> ListAsync(
        Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken,
        string? townCode, string? department, CaseKind? kind, string? status, bool? major, bool? awaitingPublication, int limit = 50, int offset = 0)
    {
        Paging.Check(limit, offset);
        if (status is not null and not ("Open" or "Closed"))
        {
            throw new DomainRuleException("status 只能是 Open 或 Closed", "case-status");
        }
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.ListCasesAsync(new EnforcementStore.CaseFilter(
            townCode, EnforcementAccess.DepartmentFor(caller, department), kind?.ToString(), status, major, awaitingPublication, limit, offset), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CaseView>>(rows.Select(r => CaseView.Of(r, now)).ToList());
    }

    private static async Task<Created<CaseDetail>> RegisterAsync(RegisterRequest request, Caller caller, NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var party = request.Party!;
        var partyIdentity = PartyIdentity.Of(party.CreditCode, party.IdentityNumber);
        var identity = partyIdentity.IdentityNumber;
        EnforcementAccess.EnsureOwnDepartment(caller, request.Department!.Trim());
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var officerIds = request.OfficerIds!.Distinct().ToList();
        var certificates = await connection.CertificatesOfAsync(officerIds, transaction, cancellationToken);
        var officers = new List<(Guid, string, Certificate?)>();
        foreach (var officerId in officerIds)
        {
            var officer = await connection.FindOfficerAsync(officerId, transaction, cancellationToken) ?? throw new DomainRuleException($"执法人员 {officerId} 不存在", "officer-unknown");
            officers.Add((officerId, officer.Name, certificates.GetValueOrDefault(officerId)));
        }
        RecordChain.EnsureOfficersMayAct(officers, ChinaTime.DateOf(now));

        var row = new EnforcementStore.CaseRow
        {
            Id = Guid.CreateVersion7(now), TownCode = request.TownCode!, Department = request.Department!.Trim(), Kind = request.Kind!.Value.ToString(),
            PartyName = party.Name!.Trim(), PartyCreditCode = partyIdentity.CreditCode?.Value,
            PartyIdentityMasked = identity?.Masked, LegalBasis = request.LegalBasis!.Trim(), Status = "Open", OpenedAt = now,
        };
        await connection.InsertCaseAsync(row, identity is null ? null : protector.Protect(identity.Value), transaction, cancellationToken);
        await connection.AssignOfficersAsync(row.Id, officerIds, transaction, cancellationToken);
        if (request.Major)
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE cases SET major = true WHERE id = @Id", new { row.Id }, transaction, cancellationToken: cancellationToken));
        }
        var first = RecordChain.Append(row.Id, null, CaseStep.Register, caller.Subject, request.Facts!, [], now);
        await connection.AppendRecordAsync(row.Id, first, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/enforcement/cases/{row.Id}", await DetailAsync(connection, row.Id, now, cancellationToken));
    }

    private static async Task<Ok<CaseDetail>> GetAsync(Guid id, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.FindCaseAsync(id, null, forUpdate: false, cancellationToken) ?? throw new RecordNotFoundException("执法案件", id.ToString());
        EnforcementAccess.EnsureOwnCase(caller, id, row.Department);
        return TypedResults.Ok(await DetailAsync(connection, id, time.GetUtcNow(), cancellationToken));
    }

    private static async Task<Created<CaseRecord>> AppendAsync(Guid id, RecordRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.FindCaseAsync(id, transaction, forUpdate: true, cancellationToken) ?? throw new RecordNotFoundException("执法案件", id.ToString());
        EnforcementAccess.EnsureOwnCase(caller, id, row.Department);
        if (row.Status != "Open")
        {
            throw new InvalidTransitionException("执法案件", row.Status, "AppendRecord", []);
        }
        var records = await connection.RecordsAsync(id, transaction, cancellationToken);
        var record = RecordChain.Append(id, records.LastOrDefault(), request.Step!.Value, caller.Subject, request.Content!, request.AttachmentHashes ?? [], time.GetUtcNow());
        await connection.AppendRecordAsync(id, record, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/enforcement/cases/{id}", record);
    }

    private static async Task<Ok<RecordChain.Verification>> VerifyAsync(Guid id, Caller caller, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var found = await connection.FindCaseAsync(id, null, forUpdate: false, cancellationToken) ?? throw new RecordNotFoundException("执法案件", id.ToString());
        EnforcementAccess.EnsureOwnCase(caller, id, found.Department);
        return TypedResults.Ok(RecordChain.Verify(id, await connection.RecordsAsync(id, null, cancellationToken)));
    }

    private static async Task<Ok<CaseDetail>> CloseAsync(Guid id, ClosureRequest request, Caller caller, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.FindCaseAsync(id, transaction, forUpdate: true, cancellationToken) ?? throw new RecordNotFoundException("执法案件", id.ToString());
        EnforcementAccess.EnsureOwnCase(caller, id, row.Department);
        if (row.Status != "Open")
        {
            throw new InvalidTransitionException("执法案件", row.Status, "Close", []);
        }
        var laws = request.LawsApplied!.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().ToArray();
        var records = await connection.RecordsAsync(id, transaction, cancellationToken);
        var closing = RecordChain.Append(id, records.LastOrDefault(), CaseStep.Close, caller.Subject, request.Summary!, [], now);
        await connection.AppendRecordAsync(id, closing, transaction, cancellationToken);
        await connection.CloseCaseAsync(id, request.ExplainLawThroughCase, laws, now, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new EnforcementCaseClosed(id, row.TownCode, row.Department, null, laws, request.ExplainLawThroughCase, request.Summary!.Trim(), now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await DetailAsync(connection, id, now, cancellationToken));
    }
}
