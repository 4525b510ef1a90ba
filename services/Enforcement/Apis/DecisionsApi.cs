using System.ComponentModel.DataAnnotations;
using Dapper;
using Npgsql;
using Zaili.Enforcement.Data;
using Zaili.Enforcement.Domain;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;

namespace Zaili.Enforcement.Apis;

/// <summary>Decisions, the legal review gate for major ones, and their publication (行政执法公示).</summary>
public static class DecisionsApi
{
    public static IEndpointRouteBuilder MapDecisionsApi(this IEndpointRouteBuilder endpoints)
    {
        var cases = endpoints.MapPlatformGroup("/api/enforcement/cases", "Decisions", StaffAccess.Only(StaffRoles.JusticeOffice, StaffRoles.EnforcementDepartment));
        cases.MapPost("/{id:guid}/legal-review", ReviewAsync).RequireStaff(StaffRoles.JusticeOffice).WithName("LegalReview").WithSummary("重大执法决定法制审核: Approve, Revise or Reject with reasons.");
        cases.MapPost("/{id:guid}/decision", DecideAsync).RequireStaff(StaffRoles.EnforcementDepartment).WithName("IssueDecision")
            .WithSummary("Issues the decision; a major one only after an approving legal review (else 409). Publication is due in 7 working days.");
        cases.MapPost("/{id:guid}/publication", PublishAsync).RequireStaff(StaffRoles.EnforcementDepartment).WithName("PublishDecision");
        endpoints.MapGet("/api/enforcement/publications/overdue", OverdueAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.EnforcementDepartment).WithTags("Decisions").WithName("OverduePublications");
        endpoints.MapWorkingCalendarApi("/api/enforcement").WithName("LoadEnforcementCalendar");

        var open = endpoints.MapPublicGroup("/api/enforcement/public", "Public");
        open.MapGet("/decisions", PublicDecisionsAsync).WithName("PublicDecisions").WithSummary("公示 of decisions; person parties masked. No sign-in needed.");
        open.MapGet("/officers", PublicOfficersAsync).WithName("PublicOfficers").WithSummary("公示 of who enforces: officers with valid certificates. No sign-in needed.");
        return endpoints;
    }

    public sealed record LegalReviewRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(30, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Reviewer { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public LegalOpinion? Opinion { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(4000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Reasons { get; init; }
    }

    public sealed record DecisionRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(8000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Content { get; init; }
    }

    public sealed record DecisionView(Guid CaseId, DateTimeOffset? DecidedAt, DateOnly? PublishDueOn, DateTimeOffset? PublishedAt);

    public sealed class PublicDecision
    {
        public Guid CaseId { get; init; }
        public string Department { get; init; } = "";
        public string Kind { get; init; } = "";
        public string PartyName { get; init; } = "";
        public string? PartyCreditCode { get; init; }
        public bool PartyIsPerson { get; init; }
        public string LegalBasis { get; init; } = "";
        public string DecisionContent { get; init; } = "";
        public DateTimeOffset DecidedAt { get; init; }
        public DateTimeOffset PublishedAt { get; init; }
    }

    private static async Task<Created<DecisionView>> ReviewAsync(Guid id, LegalReviewRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.FindCaseAsync(id, null, forUpdate: false, cancellationToken) ?? throw new RecordNotFoundException("执法案件", id.ToString());
        if (!row.Major)
        {
            throw new DomainRuleException("只有重大执法决定需要法制审核", "review-not-major");
        }
        var stage = CasesApi.CaseView.Of(row, time.GetUtcNow());
        if (!stage.AllowedActions.Contains(EnforcementAction.LegalReview))
        {
            // Closed, decided, or already approved: the opinion that counts has been given.
            throw new InvalidTransitionException("执法案件", row.DecidedAt is not null ? "Decided" : stage.LatestOpinion?.ToString() ?? row.Status, "LegalReview",
                [.. stage.AllowedActions.Select(a => a.ToString())]);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO legal_reviews (id, case_id, reviewer, opinion, reasons, reviewed_at) VALUES (@rid, @id, @Reviewer, @opinion, @Reasons, @now)",
            new { rid = Guid.CreateVersion7(), id, request.Reviewer, opinion = request.Opinion!.Value.ToString(), request.Reasons, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return TypedResults.Created($"/api/enforcement/cases/{id}", new DecisionView(row.Id, null, null, null));
    }

    private static async Task<Ok<DecisionView>> DecideAsync(Guid id, DecisionRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.FindCaseAsync(id, transaction, forUpdate: true, cancellationToken) ?? throw new RecordNotFoundException("执法案件", id.ToString());
        EnforcementAccess.EnsureOwnCase(caller, id, row.Department);
        if (row.Status != "Open")
        {
            throw new InvalidTransitionException("执法案件", row.Status, "Decide", []);
        }
        var state = await connection.QuerySingleAsync<(bool Major, DateTime? DecidedAt, string? Latest)>(new CommandDefinition(
            "SELECT major, decided_at, (SELECT opinion FROM legal_reviews WHERE case_id = @id ORDER BY reviewed_at DESC LIMIT 1) FROM cases WHERE id = @id",
            new { id }, transaction, cancellationToken: cancellationToken));
        DecisionRules.EnsureMayDecide(state.Major, state.Latest is null ? null : Enum.Parse<LegalOpinion>(state.Latest), state.DecidedAt is not null);
        var due = DecisionRules.PublishDueOn(ChinaTime.DateOf(now), await connection.CalendarAsync(transaction, cancellationToken));
        var records = await connection.RecordsAsync(id, transaction, cancellationToken);
        await connection.AppendRecordAsync(id, RecordChain.Append(id, records.LastOrDefault(), CaseStep.Decide, caller.Subject, request.Content!, [], now), transaction, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE cases SET decision_content = @content, decided_at = @now, publish_due_on = @due WHERE id = @id",
            new { id, content = request.Content!.Trim(), now, due = due.ToDateTime(TimeOnly.MinValue) }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new DecisionView(id, now, due, null));
    }

    private static async Task<Ok<DecisionView>> PublishAsync(Guid id, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var state = await connection.QuerySingleOrDefaultAsync<(string Department, DateTime? DecidedAt, DateTime? Due, DateTime? PublishedAt)>(new CommandDefinition(
            "SELECT department, decided_at, publish_due_on, published_at FROM cases WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        if (state == default)
        {
            throw new RecordNotFoundException("执法案件", id.ToString());
        }
        EnforcementAccess.EnsureOwnCase(caller, id, state.Department);
        if (state.DecidedAt is null || state.PublishedAt is not null)
        {
            throw new InvalidTransitionException("执法决定", state.DecidedAt is null ? "NotDecided" : "Published", "Publish", state.DecidedAt is null ? ["Decide"] : []);
        }
        await connection.ExecuteAsync(new CommandDefinition("UPDATE cases SET published_at = @now WHERE id = @id", new { id, now }, cancellationToken: cancellationToken));
        return TypedResults.Ok(new DecisionView(id, new DateTimeOffset(DateTime.SpecifyKind(state.DecidedAt.Value, DateTimeKind.Utc)), DateOnly.FromDateTime(state.Due!.Value), now));
    }

    public sealed class OverduePublication
    {
        public Guid CaseId { get; init; }
        public string Department { get; init; } = "";
        public DateTimeOffset DecidedAt { get; init; }
        public DateTime PublishDueOn { get; init; }
    }

    private static async Task<Ok<IReadOnlyList<OverduePublication>>> OverdueAsync(string townCode, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<OverduePublication>>((await connection.QueryAsync<OverduePublication>(new CommandDefinition(
            """
            SELECT id AS case_id, department, decided_at, publish_due_on FROM cases
            WHERE town_code = @townCode AND decided_at IS NOT NULL AND published_at IS NULL AND publish_due_on < @today
            ORDER BY publish_due_on
            """, new { townCode, today = ChinaTime.DateOf(time.GetUtcNow()).ToDateTime(TimeOnly.MinValue) }, cancellationToken: cancellationToken))).AsList());
    }

    private static async Task<Ok<IReadOnlyList<PublicDecision>>> PublicDecisionsAsync(string townCode, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PublicDecision>(new CommandDefinition(
            """
            SELECT id AS case_id, department, kind, party_name, party_credit_code, party_identity_masked IS NOT NULL AS party_is_person,
                   legal_basis, decision_content, decided_at, published_at
            FROM cases WHERE town_code = @townCode AND published_at IS NOT NULL ORDER BY published_at DESC LIMIT 500
            """, new { townCode }, cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<PublicDecision>>(rows.Select(r => new PublicDecision
        {
            CaseId = r.CaseId, Department = r.Department, Kind = r.Kind, PartyName = DecisionRules.PublicPartyName(r.PartyName, r.PartyIsPerson),
            PartyCreditCode = r.PartyCreditCode, PartyIsPerson = r.PartyIsPerson, LegalBasis = r.LegalBasis, DecisionContent = r.DecisionContent,
            DecidedAt = r.DecidedAt, PublishedAt = r.PublishedAt,
        }).ToList());
    }

    public sealed class PublicOfficer
    {
        public string Department { get; init; } = "";
        public string Name { get; init; } = "";
        public string CertificateNumber { get; init; } = "";
        public DateTime ValidUntil { get; init; }
    }

    private static async Task<Ok<IReadOnlyList<PublicOfficer>>> PublicOfficersAsync(string townCode, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PublicOfficer>>((await connection.QueryAsync<PublicOfficer>(new CommandDefinition(
            """
            SELECT o.department, o.name, c.number AS certificate_number, c.valid_until
            FROM officers o JOIN certificates c ON c.officer_id = o.id
            WHERE o.town_code = @townCode AND c.status = 'Active' AND c.issued_on <= @today AND c.valid_until >= @today
            ORDER BY o.department, o.name
            """, new { townCode, today = ChinaTime.DateOf(time.GetUtcNow()).ToDateTime(TimeOnly.MinValue) }, cancellationToken: cancellationToken))).AsList());
    }
}
