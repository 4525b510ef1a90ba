using Npgsql;
using Zaili.Contracts;
using Zaili.Mediation.Apis;
using Zaili.Mediation.Data;
using Zaili.Mediation.Domain;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.Mediation.Consumers;

/// <summary>A 十户长's report becomes a case at the lowest node of the network that covers the village.</summary>
public sealed class DisputeReportedConsumer(InboxCommitter inbox, TimeProvider time, ILogger<DisputeReportedConsumer> logger)
    : InboxConsumer<DisputeReported>(inbox, logger)
{
    protected override async Task HandleAsync(DisputeReported message, ConsumeScope scope, CancellationToken cancellationToken)
    {
        // The inbox stops a redelivery; this stops the same report arriving under another message id.
        if (await scope.Connection.CaseExistsForReportAsync(message.ReportId, scope.Transaction, cancellationToken))
        {
            return;
        }
        await CaseIntake.OpenAsync(scope.Connection, scope.Transaction, scope.Outbox, CaseSource.TenHouseholdReport, message.ReportId, null,
            message.VillageCode, message.Category, message.Summary, message.HouseholdCount, "governance:" + message.ReportedBy, time.GetUtcNow(), cancellationToken);
    }
}

/// <summary>A referral from a district system (e.g. its hotline) is taken once per district reference.</summary>
public sealed class DisputeReferredByDistrictConsumer(InboxCommitter inbox, TimeProvider time, ILogger<DisputeReferredByDistrictConsumer> logger)
    : InboxConsumer<DisputeReferredByDistrict>(inbox, logger)
{
    protected override async Task HandleAsync(DisputeReferredByDistrict message, ConsumeScope scope, CancellationToken cancellationToken)
    {
        if (await scope.Connection.CaseExistsForReferenceAsync(CaseSource.DistrictReferral, message.DistrictReference, scope.Transaction, cancellationToken))
        {
            return;
        }
        await CaseIntake.OpenAsync(scope.Connection, scope.Transaction, scope.Outbox, CaseSource.DistrictReferral, null, message.DistrictReference,
            message.VillageCode, message.Category, message.Summary, message.HouseholdCount, "district", time.GetUtcNow(), cancellationToken);
    }
}
