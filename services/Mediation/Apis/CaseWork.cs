using Npgsql;
using Zaili.Contracts;
using Zaili.Mediation.Data;
using Zaili.Mediation.Domain;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Http;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Apis;

/// <summary>
/// One way to change a case: load it locked, let the domain act, append the timeline entry and the
/// events, save — all in one transaction, so a refused action writes nothing.
/// </summary>
public sealed class CaseWork(NpgsqlDataSource db, Outbox outbox, PersonalDataProtector protector, TimeProvider time)
{
    public sealed record Scope(NpgsqlConnection Connection, NpgsqlTransaction Transaction, PersonalDataProtector Protector, Func<string, DateTimeOffset, object, Task> TimelineAsync, Func<IIntegrationEvent, Task> PublishAsync);

    public async Task<Ok<CasesApi.CaseView>> ChangeAsync(Guid id, Caller caller, Func<DisputeCase, Scope, DateTimeOffset, Task> change, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var disputeCase = await connection.FindCaseAsync(id, transaction, forUpdate: true, cancellationToken)
            ?? throw new RecordNotFoundException("调解案件", id.ToString());
        await connection.EnsureReachesCaseAsync(caller, id, disputeCase.NodeCode, transaction, cancellationToken);
        var scope = new Scope(connection, transaction, protector,
            (kind, occurredAt, details) => connection.AppendTimelineAsync(disputeCase, kind, occurredAt, now, caller.Subject, details, transaction, cancellationToken),
            integrationEvent => outbox.EnqueueAsync(transaction, integrationEvent, cancellationToken));
        await change(disputeCase, scope, now);
        await connection.UpdateCaseAsync(disputeCase, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(CasesApi.CaseView.Of(disputeCase, now));
    }
}

/// <summary>Opening a case, the same for the API and for events (reports, district referrals).</summary>
public static class CaseIntake
{
    public static async Task<DisputeCase> OpenAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Outbox outbox, CaseSource source, Guid? sourceReportId, string? externalReference,
        string villageCode, DisputeCategory category, string summary, int householdCount, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var village = DivisionCode.Parse(villageCode);
        var candidates = await connection.NodesCoveringAsync(village.Value, village.TownCode, transaction, cancellationToken);
        var node = MediationNetwork.LowestNodeFor(village.Value, candidates)
            ?? throw new DomainRuleException($"调解网络中没有覆盖村居 {villageCode} 的节点", "node-missing");
        var disputeCase = DisputeCase.Open(source, sourceReportId, externalReference, village.Value, category, summary, householdCount, node, now);
        await connection.InsertCaseAsync(disputeCase, transaction, cancellationToken);
        await connection.AppendTimelineAsync(disputeCase, "Opened", now, now, actor,
            new { source, sourceReportId, externalReference, node = node.Code, level = node.Level }, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new MediationCaseOpened(
            disputeCase.Id, disputeCase.SourceReportId, disputeCase.VillageCode, disputeCase.TownCode, disputeCase.NodeCode,
            disputeCase.Level, disputeCase.Category, disputeCase.OpenedAt,
            source == CaseSource.DistrictReferral ? externalReference : null), cancellationToken);
        return disputeCase;
    }
}
