using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Contracts;
using Zaili.Mediation.Data;
using Zaili.Mediation.Domain;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Http;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Apis;

/// <summary>Dispute cases (矛盾纠纷) from intake to follow-up.</summary>
public static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/mediation/cases", "Cases", StaffAccess.Only(StaffRoles.JusticeOffice, StaffRoles.GovernanceCentre, StaffRoles.Mediator));
        group.MapPost("/", OpenAsync).WithName("OpenCase")
            .WithSummary("Opens a case (walk-in, police or district referral) at the lowest node that covers the village.");
        group.MapGet("/", ListAsync).WithName("ListCases")
            .WithSummary("Cases by node (and everything below it), status, category, overdue, period.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCase")
            .WithSummary("A case with its parties (identity masked), mediators, timeline and allowed actions.");
        group.MapPost("/{id:guid}/mediators", AssignMediatorAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.Mediator).WithName("AssignMediator");
        group.MapPost("/{id:guid}/sessions", RecordSessionAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.Mediator).WithName("RecordSession");
        group.MapPost("/{id:guid}/hearings", RecordHearingAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.Mediator).WithName("RecordHearing")
            .WithSummary("人民调解+简易听证: a simple hearing with participants, witnesses and findings.");
        group.MapPost("/{id:guid}/escalation", EscalateAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.Mediator).WithName("EscalateCase")
            .WithSummary("Mediation failed at this level: the case moves one level up (DisputeEscalated).");
        group.MapPost("/{id:guid}/agreement", RecordAgreementAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.Mediator).WithName("RecordAgreement")
            .WithSummary("Closes the case with a written agreement (调解协议); publishes DisputeResolved.");
        group.MapPost("/{id:guid}/referral", ReferOutAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.Mediator).WithName("ReferCaseOut")
            .WithSummary("At town level only: refers a failed case to a court, arbitration or another department (DisputeReferredOut).");
        group.MapPost("/{id:guid}/follow-up", RecordFollowUpAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.Mediator).WithName("RecordFollowUp")
            .WithSummary("回访 after an agreement: whether it held.");
        return group;
    }

    public enum PartyRole
    {
        /// <summary>申请人</summary>
        Applicant,
        /// <summary>被申请人</summary>
        Respondent,
    }

    public sealed record PartyInput
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public PartyRole? Role { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(50, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? Name { get; init; }

        [ResidentIdentityNumber]
        public string? IdentityNumber { get; init; }
    }

    public sealed record OpenCaseRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public CaseSource? Source { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? VillageCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DisputeCategory? Category { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(DisputeCase.MaxTextLength, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Summary { get; init; }

        [Range(1, 500, ErrorMessage = ValidationMessages.Range)]
        public int HouseholdCount { get; init; } = 1;

        [StringLength(100, ErrorMessage = ValidationMessages.Length)]
        public string? ExternalReference { get; init; }

        [Length(0, 20, ErrorMessage = ValidationMessages.Count)]
        public List<PartyInput>? Parties { get; init; }
    }

    public sealed record AssignMediatorRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public Guid? MediatorId { get; init; }
    }

    public sealed record SessionRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateTimeOffset? HeldAt { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(DisputeCase.MaxTextLength, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? Notes { get; init; }
    }

    public sealed record HearingRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateTimeOffset? HeldAt { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 50, ErrorMessage = ValidationMessages.Count)]
        public List<string>? Participants { get; init; }

        [Length(0, 50, ErrorMessage = ValidationMessages.Count)]
        public List<string>? Witnesses { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(DisputeCase.MaxTextLength, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? Findings { get; init; }
    }

    public sealed record EscalationRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(DisputeCase.MaxTextLength, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Reason { get; init; }
    }

    public sealed record RecordAgreementRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(DisputeCase.MaxTextLength, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Terms { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? SignedOn { get; init; }
    }

    public sealed record ReferralRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public ReferralDestination? Destination { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(DisputeCase.MaxTextLength, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Reason { get; init; }
    }

    public sealed record FollowUpRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateTimeOffset? VisitedAt { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public bool? AgreementHeld { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(DisputeCase.MaxTextLength, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? Notes { get; init; }
    }

    public sealed record CaseView(
        Guid Id, CaseSource Source, Guid? SourceReportId, string? ExternalReference, string VillageCode, string TownCode, string NodeCode,
        MediationLevel Level, DisputeCategory Category, string Summary, int HouseholdCount, CaseStatus Status, DateTimeOffset OpenedAt,
        bool Overdue, int DaysOpen, string? AgreementTerms, DateOnly? AgreementSignedOn, DateTimeOffset? ResolvedAt,
        ReferralDestination? ReferredTo, DateTimeOffset? ReferredAt, bool? AgreementHeld, IReadOnlyCollection<CaseAction> AllowedActions)
    {
        public static CaseView Of(DisputeCase c, DateTimeOffset now) => new(
            c.Id, c.Source, c.SourceReportId, c.ExternalReference, c.VillageCode, c.TownCode, c.NodeCode, c.Level, c.Category, c.Summary,
            c.HouseholdCount, c.Status, c.OpenedAt, c.IsOverdue(now), c.DaysOpen(now), c.AgreementTerms, c.AgreementSignedOn, c.ResolvedAt,
            c.ReferredTo, c.ReferredAt, c.AgreementHeld, c.AllowedActions());
    }

    public sealed record CaseDetail(
        CaseView Case, IReadOnlyList<MediationStore.PartyView> Parties, IReadOnlyList<MediationStore.CaseMediatorView> Mediators,
        IReadOnlyList<MediationStore.TimelineEntry> Timeline);

    private static async Task<Created<CaseView>> OpenAsync(
        OpenCaseRequest request, Caller caller, NpgsqlDataSource db, Outbox outbox, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Source == CaseSource.TenHouseholdReport)
        {
            throw new DomainRuleException("十户长上报的纠纷由基层治理平台推送，不能在此登记", "case-source");
        }
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var disputeCase = await CaseIntake.OpenAsync(connection, transaction, outbox, request.Source!.Value, null, request.ExternalReference?.Trim(),
            request.VillageCode!, request.Category!.Value, request.Summary!, request.HouseholdCount, caller.Subject, now, cancellationToken);
        if (!await connection.ReachesAsync(caller, disputeCase.NodeCode, transaction, cancellationToken))
        {
            throw new AccessDeniedException($"村居 {request.VillageCode} 的纠纷由 {disputeCase.NodeCode} 受理，不在本人所在调解组织范围内");
        }
        var parties = (request.Parties ?? []).Select(p =>
        {
            var identity = p.IdentityNumber is null ? null : ResidentIdentityNumber.Parse(p.IdentityNumber);
            return new MediationStore.PartyRow(Guid.CreateVersion7(now), disputeCase.Id, p.Role!.Value.ToString(), p.Name!.Trim(),
                identity is null ? null : protector.Protect(identity.Value),
                identity is null ? null : protector.LookupHash(identity.Value),
                identity?.Masked);
        }).ToList();
        await connection.InsertPartiesAsync(parties, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/mediation/cases/{disputeCase.Id}", CaseView.Of(disputeCase, now));
    }

    private static async Task<Ok<CaseDetail>> GetAsync(Guid id, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var found = await connection.FindCaseAsync(id, null, forUpdate: false, cancellationToken)
            ?? throw new RecordNotFoundException("调解案件", id.ToString());
        await connection.EnsureReachesCaseAsync(caller, id, found.NodeCode, null, cancellationToken);
        return TypedResults.Ok(new CaseDetail(
            CaseView.Of(found, time.GetUtcNow()),
            await connection.PartiesAsync(id, cancellationToken),
            await connection.CaseMediatorsAsync(id, cancellationToken),
            await connection.TimelineAsync(id, cancellationToken)));
    }

    private static async Task<Ok<IReadOnlyList<CaseView>>> ListAsync(
        Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken,
        Guid? sourceReportId, string? nodeCode, CaseStatus? status, DisputeCategory? category, bool? overdue,
        DateOnly? openedFrom, DateOnly? openedTo, CaseOrder? sort, int limit = 50, int offset = 0)
    {
        Paging.Check(limit, offset);
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var scope = await connection.ListScopeAsync(caller, nodeCode, cancellationToken);
        var cases = await connection.ListCasesAsync(new MediationStore.CaseFilter(
            sourceReportId, scope, status, category, overdue, StartOf(openedFrom), StartOf(openedTo?.AddDays(1)), now, limit, offset, sort == CaseOrder.Oldest), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CaseView>>(cases.Select(c => CaseView.Of(c, now)).ToList());
    }

    public enum CaseOrder
    {
        /// <summary>The latest opened first (the default).</summary>
        Newest,
        /// <summary>The longest open first: what is closest to, or past, its 30 days.</summary>
        Oldest,
    }

    private static DateTimeOffset? StartOf(DateOnly? day) => day is { } d ? ChinaTime.StartOf(d) : null;

    private static Task<Ok<CaseView>> AssignMediatorAsync(Guid id, AssignMediatorRequest request, Caller caller, CaseWork work, CancellationToken cancellationToken) =>
        work.ChangeAsync(id, caller, async (c, scope, now) =>
        {
            var mediator = await scope.Connection.FindMediatorAsync(request.MediatorId!.Value, scope.Protector, scope.Transaction, forUpdate: false, cancellationToken)
                ?? throw new DomainRuleException($"调解员 {request.MediatorId} 不存在", "mediator-unknown");
            var eligibleNodes = await scope.Connection.NodeAndAncestorsAsync(c.NodeCode, scope.Transaction, cancellationToken);
            c.AssignMediator(mediator, eligibleNodes.ToHashSet(), now);
            if (await scope.Connection.AssignMediatorAsync(c.Id, mediator.Id, now, scope.Transaction, cancellationToken))
            {
                await scope.TimelineAsync("MediatorAssigned", now, new { mediatorId = mediator.Id, mediator.Name, grade = mediator.Grade });
            }
        }, cancellationToken);

    private static Task<Ok<CaseView>> RecordSessionAsync(Guid id, SessionRequest request, Caller caller, CaseWork work, CancellationToken cancellationToken) =>
        work.ChangeAsync(id, caller, async (c, scope, now) =>
        {
            c.RecordSession(request.HeldAt!.Value, request.Notes!, now);
            await scope.TimelineAsync("Session", request.HeldAt.Value, new { notes = request.Notes!.Trim() });
        }, cancellationToken);

    private static Task<Ok<CaseView>> RecordHearingAsync(Guid id, HearingRequest request, Caller caller, CaseWork work, CancellationToken cancellationToken) =>
        work.ChangeAsync(id, caller, async (c, scope, now) =>
        {
            var participants = request.Participants!.Select(p => p.Trim()).ToList();
            var witnesses = (request.Witnesses ?? []).Select(w => w.Trim()).Where(w => w.Length > 0).ToList();
            c.RecordHearing(request.HeldAt!.Value, participants, witnesses, request.Findings!, now);
            await scope.TimelineAsync("Hearing", request.HeldAt.Value, new { participants, witnesses, findings = request.Findings!.Trim() });
        }, cancellationToken);

    private static Task<Ok<CaseView>> EscalateAsync(Guid id, EscalationRequest request, Caller caller, CaseWork work, CancellationToken cancellationToken) =>
        work.ChangeAsync(id, caller, async (c, scope, now) =>
        {
            var current = await scope.Connection.FindNodeAsync(c.NodeCode, scope.Transaction, cancellationToken);
            var parent = current?.ParentCode is { } parentCode ? await scope.Connection.FindNodeAsync(parentCode, scope.Transaction, cancellationToken) : null;
            if (parent is null && c.Level != MediationLevel.Town)
            {
                throw new DomainRuleException($"节点 {c.NodeCode} 没有上级节点，请先完善调解网络", "node-parent");
            }
            var escalated = c.Escalate(parent!, request.Reason!, now);
            await scope.TimelineAsync("Escalated", now, new { from = escalated.FromNodeCode, fromLevel = escalated.FromLevel, to = escalated.ToNodeCode, toLevel = escalated.ToLevel, reason = escalated.Reason });
            await scope.PublishAsync(escalated);
        }, cancellationToken);

    private static Task<Ok<CaseView>> RecordAgreementAsync(Guid id, RecordAgreementRequest request, Caller caller, CaseWork work, CancellationToken cancellationToken) =>
        work.ChangeAsync(id, caller, async (c, scope, now) =>
        {
            var resolved = c.RecordAgreement(request.Terms!, request.SignedOn!.Value, now);
            await scope.TimelineAsync("AgreementRecorded", now, new { terms = resolved.AgreementSummary, signedOn = request.SignedOn });
            await scope.PublishAsync(resolved);
        }, cancellationToken);

    private static Task<Ok<CaseView>> ReferOutAsync(Guid id, ReferralRequest request, Caller caller, CaseWork work, CancellationToken cancellationToken) =>
        work.ChangeAsync(id, caller, async (c, scope, now) =>
        {
            var referred = c.ReferOut(request.Destination!.Value, request.Reason!, now);
            await scope.TimelineAsync("ReferredOut", now, new { destination = request.Destination, reason = referred.Reason });
            await scope.PublishAsync(referred);
        }, cancellationToken);

    private static Task<Ok<CaseView>> RecordFollowUpAsync(Guid id, FollowUpRequest request, Caller caller, CaseWork work, CancellationToken cancellationToken) =>
        work.ChangeAsync(id, caller, async (c, scope, now) =>
        {
            c.RecordFollowUp(request.VisitedAt!.Value, request.AgreementHeld!.Value, request.Notes!, now);
            await scope.TimelineAsync("FollowUp", request.VisitedAt.Value, new { agreementHeld = request.AgreementHeld, notes = request.Notes!.Trim() });
        }, cancellationToken);
}
