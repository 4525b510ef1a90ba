using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Contracts;
using Zaili.Governance.Data;
using Zaili.Governance.Domain;
using Zaili.ServiceDefaults.Http;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Governance.Apis;

/// <summary>Early warnings (预警信息) and appeals (群众诉求).</summary>
public static class WarningsAndAppealsApi
{
    public static IEndpointRouteBuilder MapWarningsAndAppealsApi(this IEndpointRouteBuilder endpoints)
    {
        var warnings = endpoints.MapPlatformGroup("/api/governance/warnings", "Early warnings", StaffAccess.Only(StaffRoles.GovernanceCentre, StaffRoles.HouseholdHead));
        warnings.MapPost("/", RaiseAsync).WithName("RaiseWarning")
            .WithSummary("Raises a warning (EarlyWarningRaised); a severity-3 dispute risk also becomes a dispute report (DisputeReported).");
        warnings.MapGet("/", ListWarningsAsync).WithName("ListWarnings");

        var appeals = endpoints.MapPlatformGroup("/api/governance/appeals", "Appeals", StaffAccess.Only(StaffRoles.GovernanceCentre, StaffRoles.HouseholdHead));
        appeals.MapPost("/", CollectAsync).WithName("CollectAppeal");
        appeals.MapGet("/", ListAppealsAsync).WithName("ListAppeals");
        appeals.MapPost("/{id:guid}/assignment", AssignAsync).RequireStaff(StaffRoles.GovernanceCentre).WithName("AssignAppeal");
        appeals.MapPost("/{id:guid}/resolution", CloseAsync).RequireStaff(StaffRoles.GovernanceCentre).WithName("CloseAppeal")
            .WithSummary("Solved (解决群众困难) or answered; publishes AppealSolved.");
        return endpoints;
    }

    public sealed record WarningRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? VillageCode { get; init; }

        public Guid? GroupId { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public WarningCategory? Category { get; init; }

        [Range(1, EarlyWarning.MaxSeverity, ErrorMessage = ValidationMessages.Range)]
        public int Severity { get; init; }

        [Length(0, 50, ErrorMessage = ValidationMessages.Count)]
        public List<Guid>? HouseholdIds { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(2000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Description { get; init; }
    }

    public sealed record AppealRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? VillageCode { get; init; }

        public Guid? HouseholdId { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(2000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Need { get; init; }
    }

    public sealed record AssignmentRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(50, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Department { get; init; }
    }

    public sealed record ResolutionRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public bool? Solved { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(2000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Resolution { get; init; }
    }

    public sealed record AppealView(
        Guid Id, string VillageCode, Guid? HouseholdId, string Need, DateTimeOffset CollectedAt, AppealStatus Status, string? Department,
        DateTimeOffset? AssignedAt, string? Resolution, DateTimeOffset? ClosedAt, IReadOnlyCollection<string> AllowedActions)
    {
        public static AppealView Of(Appeal a) => new(a.Id, a.VillageCode, a.HouseholdId, a.Need, a.CollectedAt, a.Status, a.Department,
            a.AssignedAt, a.Resolution, a.ClosedAt, Appeal.AllowedActions(a.Status));
    }

    private static async Task<Created<EarlyWarning>> RaiseAsync(WarningRequest request, Caller caller, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var village = await connection.FindVillageAsync(request.VillageCode!, transaction, cancellationToken)
            ?? throw VillageErrors.Unknown(request.VillageCode);
        if (GovernanceAccess.OwnGroup(caller) is { } own && request.GroupId != own)
        {
            throw new AccessDeniedException("十户长只能上报本人十联户小组的预警，请填写本组 groupId");
        }
        var group = request.GroupId is { } groupId
            ? await connection.FindGroupAsync(groupId, transaction, forUpdate: false, cancellationToken) ?? throw new DomainRuleException($"十联户组 {groupId} 不存在", "group-unknown")
            : null;
        var ids = request.HouseholdIds ?? [];
        var households = await connection.HouseholdsAsync(ids, transaction, cancellationToken);
        if (ids.FirstOrDefault(id => households.All(h => h.Id != id)) is var missing && missing != Guid.Empty)
        {
            throw new DomainRuleException($"住户 {missing} 不存在", "household-unknown");
        }
        var warning = EarlyWarning.Raise(village, group, request.Category!.Value, request.Severity, households, request.Description!, caller.Subject, now);
        if (EarlyWarning.BecomesDisputeReport(warning.Category, warning.Severity))
        {
            var report = warning.ToDisputeReport(village, now);
            await connection.InsertReportAsync(report, transaction, cancellationToken);
            await outbox.EnqueueAsync(transaction, new DisputeReported(report.Id, report.VillageCode, report.TownCode, report.HouseholdCount, report.Category, report.Summary, report.ReportedBy, now), cancellationToken);
            warning = warning with { DisputeReportId = report.Id };
        }
        await connection.InsertWarningAsync(warning, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new EarlyWarningRaised(warning.Id, warning.VillageCode, warning.TownCode, warning.Category.ToString(), warning.Severity,
            warning.HouseholdIds.Count, warning.DisputeReportId, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/governance/warnings?villageCode={warning.VillageCode}", warning);
    }

    private static async Task<Ok<IReadOnlyList<GroupStore.WarningView>>> ListWarningsAsync([Required] string villageCode, Caller caller, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var own = GovernanceAccess.OwnGroup(caller);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var warnings = await connection.ListWarningsAsync(villageCode, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<GroupStore.WarningView>>(own is null ? warnings : warnings.Where(w => w.GroupId == own).ToList());
    }

    private static async Task<Created<AppealView>> CollectAsync(AppealRequest request, Caller caller, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var village = await connection.FindVillageAsync(request.VillageCode!, transaction, cancellationToken)
            ?? throw VillageErrors.Unknown(request.VillageCode);
        var household = request.HouseholdId is { } householdId
            ? (await connection.HouseholdsAsync([householdId], transaction, cancellationToken)).FirstOrDefault() ?? throw new DomainRuleException($"住户 {householdId} 不存在", "household-unknown")
            : null;
        if (GovernanceAccess.OwnGroup(caller) is { } own && household?.GroupId != own)
        {
            throw new AccessDeniedException("十户长只能收集本人十联户小组住户的诉求，请填写本组住户 householdId");
        }
        var appeal = Appeal.Collect(village, household, request.Need!, caller.Subject, time.GetUtcNow());
        await connection.SaveAppealAsync(appeal, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new AppealCollected(appeal.Id, appeal.VillageCode, appeal.TownCode, appeal.CollectedAt), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/governance/appeals?villageCode={appeal.VillageCode}", AppealView.Of(appeal));
    }

    private static async Task<Ok<IReadOnlyList<AppealView>>> ListAppealsAsync([Required] string villageCode, AppealStatus? status, Caller caller, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var own = await connection.OwnGroupRecordAsync(caller, null, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AppealView>>((await connection.ListAppealsAsync(villageCode, status, cancellationToken))
            .Where(a => own is null || (a.HouseholdId is { } h && own.HouseholdIds.Contains(h)))
            .Select(AppealView.Of).ToList());
    }

    private static Task<Ok<AppealView>> AssignAsync(Guid id, AssignmentRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAppealAsync(id, db, outbox, time, (appeal, now) =>
        {
            appeal.Assign(request.Department!, now);
            return null;
        }, cancellationToken);

    private static Task<Ok<AppealView>> CloseAsync(Guid id, ResolutionRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAppealAsync(id, db, outbox, time, (appeal, now) =>
        {
            appeal.Close(request.Solved!.Value, request.Resolution!, now);
            return new AppealSolved(appeal.Id, appeal.VillageCode, appeal.TownCode, appeal.Department!, request.Solved.Value,
                (int)Math.Floor((now - appeal.CollectedAt).TotalDays), now);
        }, cancellationToken);

    private static async Task<Ok<AppealView>> ChangeAppealAsync(Guid id, NpgsqlDataSource db, Outbox outbox, TimeProvider time, Func<Appeal, DateTimeOffset, IIntegrationEvent?> change, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var appeal = await connection.FindAppealAsync(id, transaction, forUpdate: true, cancellationToken) ?? throw new RecordNotFoundException("群众诉求", id.ToString());
        if (change(appeal, now) is { } integrationEvent)
        {
            await outbox.EnqueueAsync(transaction, integrationEvent, cancellationToken);
        }
        await connection.SaveAppealAsync(appeal, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(AppealView.Of(appeal));
    }
}
