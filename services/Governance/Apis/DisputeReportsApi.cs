using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Contracts;
using Zaili.Governance.Data;
using Zaili.Governance.Domain;
using Zaili.ServiceDefaults.Http;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Governance.Apis;

/// <summary>Disputes a 十户长 reports for mediation, and how each one ended.</summary>
public static class DisputeReportsApi
{
    public static RouteGroupBuilder MapDisputeReportsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/governance/dispute-reports", "Dispute reports", StaffAccess.Only(StaffRoles.GovernanceCentre, StaffRoles.HouseholdHead));
        group.MapPost("/", ReportAsync).WithName("ReportDispute")
            .WithSummary("Reports a dispute the group could not settle; mediation takes it up (DisputeReported).");
        group.MapPost("/local", HandleLocallyAsync).WithName("RecordLocalDispute")
            .WithSummary("A dispute the group settled itself (妥善处置), recorded with its result; it does not go to mediation.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetDisputeReport");
        group.MapGet("/", ListAsync).WithName("ListDisputeReports");
        return group;
    }

    public sealed record ReportDisputeRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? VillageCode { get; init; }

        [Range(1, DisputeReport.MaxHouseholds, ErrorMessage = ValidationMessages.Range)]
        public int HouseholdCount { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DisputeCategory? Category { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(DisputeReport.MaxSummaryLength, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Summary { get; init; }
    }

    public sealed record LocalDisputeRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? VillageCode { get; init; }

        [Range(1, DisputeReport.MaxHouseholds, ErrorMessage = ValidationMessages.Range)]
        public int HouseholdCount { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DisputeCategory? Category { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(DisputeReport.MaxSummaryLength, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Summary { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(DisputeReport.MaxSummaryLength, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Result { get; init; }
    }

    public sealed record DisputeReportView(
        Guid Id, string VillageCode, string TownCode, int HouseholdCount, DisputeCategory Category, string Summary,
        DateTimeOffset ReportedAt, DisputeReportStatus Status, Guid? MediationCaseId, string? MediationNode,
        MediationLevel? MediationLevel, string? Outcome, DateTimeOffset? ResolvedAt)
    {
        public static DisputeReportView Of(DisputeReport report) => new(
            report.Id, report.VillageCode, report.TownCode, report.HouseholdCount, report.Category, report.Summary,
            report.ReportedAt, report.Status, report.MediationCaseId, report.MediationNode, report.MediationLevel,
            report.Outcome, report.ResolvedAt);
    }

    private static async Task<Created<DisputeReportView>> ReportAsync(
        ReportDisputeRequest request, Caller caller, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        GovernanceAccess.EnsureOwnVillage(await connection.OwnGroupRecordAsync(caller, transaction, cancellationToken), request.VillageCode!);
        var village = await connection.FindVillageAsync(request.VillageCode!, transaction, cancellationToken);
        var report = DisputeReport.File(village, request.VillageCode!, request.HouseholdCount, request.Category!.Value, request.Summary!, caller.Subject, now);
        await connection.InsertReportAsync(report, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new DisputeReported(
            report.Id, report.VillageCode, report.TownCode, report.HouseholdCount, report.Category, report.Summary, report.ReportedBy, now),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/governance/dispute-reports/{report.Id}", DisputeReportView.Of(report));
    }

    private static async Task<Created<DisputeReportView>> HandleLocallyAsync(LocalDisputeRequest request, Caller caller, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        GovernanceAccess.EnsureOwnVillage(await connection.OwnGroupRecordAsync(caller, transaction, cancellationToken), request.VillageCode!);
        var village = await connection.FindVillageAsync(request.VillageCode!, transaction, cancellationToken);
        var report = DisputeReport.HandleLocally(village, request.VillageCode!, request.HouseholdCount, request.Category!.Value, request.Summary!, request.Result!, caller.Subject, time.GetUtcNow());
        await connection.InsertReportAsync(report, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new DisputeHandledLocally(report.Id, report.VillageCode, report.TownCode, report.Category, report.ReportedAt), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/governance/dispute-reports/{report.Id}", DisputeReportView.Of(report));
    }

    private static async Task<Ok<DisputeReportView>> GetAsync(Guid id, Caller caller, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var report = await connection.FindReportAsync(id, null, forUpdate: false, cancellationToken);
        if (report is null || !(GovernanceAccess.SeesWholeTown(caller) || report.ReportedBy == caller.Subject))
        {
            throw new RecordNotFoundException("纠纷上报", id.ToString());
        }
        return TypedResults.Ok(DisputeReportView.Of(report));
    }

    private static async Task<Ok<IReadOnlyList<DisputeReportView>>> ListAsync(
        Caller caller, NpgsqlDataSource db, string? villageCode, DisputeReportStatus? status, CancellationToken cancellationToken, int limit = 50, int offset = 0)
    {
        Paging.Check(limit, offset);
        var reportedBy = GovernanceAccess.SeesWholeTown(caller) ? null : caller.Subject;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var reports = await connection.ListReportsAsync(villageCode, status?.ToString(), reportedBy, limit, offset, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DisputeReportView>>(reports.Select(DisputeReportView.Of).ToList());
    }
}
