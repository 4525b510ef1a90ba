using Npgsql;
using Zaili.Contracts;
using Zaili.Mediation.Data;
using Zaili.Mediation.Domain;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Consumers;

/// <summary>A 十户长's report becomes a case at the lowest node of the network that covers the village.</summary>
public sealed class DisputeReportedConsumer(NpgsqlDataSource db, Outbox outbox, TimeProvider time, ILogger<DisputeReportedConsumer> logger)
    : InboxConsumer<DisputeReported>(db, outbox, logger)
{
    protected override async Task HandleAsync(DisputeReported message, ConsumeScope scope, CancellationToken cancellationToken)
    {
        // The inbox stops a redelivery; this stops the same report arriving under another message id.
        if (await scope.Connection.CaseExistsForReportAsync(message.ReportId, scope.Transaction, cancellationToken))
        {
            return;
        }
        var candidates = await scope.Connection.NodesCoveringAsync(message.VillageCode, message.TownCode, scope.Transaction, cancellationToken);
        var node = MediationNetwork.LowestNodeFor(message.VillageCode, candidates)
            ?? throw new DomainRuleException($"调解网络中没有覆盖村居 {message.VillageCode} 的节点", "node-missing");
        var disputeCase = DisputeCase.OpenFromReport(message, node, time.GetUtcNow());
        await scope.Connection.InsertCaseAsync(disputeCase, scope.Transaction, cancellationToken);
        await scope.PublishAsync(new MediationCaseOpened(
            disputeCase.Id, disputeCase.SourceReportId, disputeCase.VillageCode, disputeCase.TownCode, disputeCase.NodeCode,
            disputeCase.Level, disputeCase.Category, disputeCase.OpenedAt), cancellationToken);
    }
}
