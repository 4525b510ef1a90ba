using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Contracts;
using Zaili.Mediation.Data;
using Zaili.Mediation.Domain;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Apis;

/// <summary>Dispute cases (矛盾纠纷) and their outcomes.</summary>
public static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/mediation/cases", "Cases");
        group.MapGet("/", ListAsync).WithName("ListCases");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCase");
        group.MapPost("/{id:guid}/agreement", RecordAgreementAsync).WithName("RecordAgreement")
            .WithSummary("Closes the case with a written agreement (调解协议); publishes DisputeResolved.");
        return group;
    }

    public sealed record RecordAgreementRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(DisputeCase.MaxAgreementLength, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Terms { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? SignedOn { get; init; }
    }

    public sealed record CaseView(
        Guid Id, CaseSource Source, Guid? SourceReportId, string VillageCode, string TownCode, string NodeCode, MediationLevel Level,
        DisputeCategory Category, string Summary, int HouseholdCount, CaseStatus Status, DateTimeOffset OpenedAt,
        string? AgreementTerms, DateOnly? AgreementSignedOn, DateTimeOffset? ResolvedAt, IReadOnlyCollection<CaseAction> AllowedActions)
    {
        public static CaseView Of(DisputeCase c) => new(
            c.Id, c.Source, c.SourceReportId, c.VillageCode, c.TownCode, c.NodeCode, c.Level, c.Category, c.Summary, c.HouseholdCount,
            c.Status, c.OpenedAt, c.AgreementTerms, c.AgreementSignedOn, c.ResolvedAt, DisputeCase.AllowedActions(c.Status));
    }

    private static async Task<Ok<CaseView>> GetAsync(Guid id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var found = await connection.FindCaseAsync(id, null, forUpdate: false, cancellationToken)
            ?? throw new RecordNotFoundException("调解案件", id.ToString());
        return TypedResults.Ok(CaseView.Of(found));
    }

    private static async Task<Ok<IReadOnlyList<CaseView>>> ListAsync(
        NpgsqlDataSource db, Guid? sourceReportId, string? nodeCode, CaseStatus? status, CancellationToken cancellationToken, int limit = 50, int offset = 0)
    {
        if (limit is < 1 or > 500 || offset < 0)
        {
            throw new DomainRuleException("limit 应在1至500之间，offset 不能为负", "paging");
        }
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var cases = await connection.ListCasesAsync(new MediationStore.CaseFilter(sourceReportId, nodeCode, status, limit, offset), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CaseView>>(cases.Select(CaseView.Of).ToList());
    }

    private static async Task<Ok<CaseView>> RecordAgreementAsync(
        Guid id, RecordAgreementRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var disputeCase = await connection.FindCaseAsync(id, transaction, forUpdate: true, cancellationToken)
            ?? throw new RecordNotFoundException("调解案件", id.ToString());
        var resolved = disputeCase.RecordAgreement(request.Terms!, request.SignedOn!.Value, time.GetUtcNow());
        await connection.UpdateCaseAsync(disputeCase, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, resolved, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(CaseView.Of(disputeCase));
    }
}
