using Npgsql;
using Zaili.Contracts;
using Zaili.Governance.Data;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.Governance.Consumers;

/// <summary>Mediation took up a report: the 十户长 sees it is in mediation, and where.</summary>
public sealed class MediationCaseOpenedConsumer(NpgsqlDataSource db, Outbox outbox, ILogger<MediationCaseOpenedConsumer> logger)
    : InboxConsumer<MediationCaseOpened>(db, outbox, logger)
{
    protected override async Task HandleAsync(MediationCaseOpened message, ConsumeScope scope, CancellationToken cancellationToken)
    {
        if (message.SourceReportId is not { } reportId)
        {
            return;
        }
        var report = await scope.Connection.FindReportAsync(reportId, scope.Transaction, forUpdate: true, cancellationToken);
        if (report is not null && report.CaseOpened(message.CaseId, message.NodeCode, message.Level, message.OccurredAt))
        {
            await scope.Connection.UpdateReportAsync(report, scope.Transaction, cancellationToken);
        }
    }
}

/// <summary>Mediation reached an agreement: the report shows it resolved, with the outcome.</summary>
public sealed class DisputeResolvedConsumer(NpgsqlDataSource db, Outbox outbox, ILogger<DisputeResolvedConsumer> logger)
    : InboxConsumer<DisputeResolved>(db, outbox, logger)
{
    protected override async Task HandleAsync(DisputeResolved message, ConsumeScope scope, CancellationToken cancellationToken)
    {
        if (message.SourceReportId is not { } reportId)
        {
            return;
        }
        var report = await scope.Connection.FindReportAsync(reportId, scope.Transaction, forUpdate: true, cancellationToken);
        if (report is not null && report.Resolved(message.CaseId, message.NodeCode, message.ResolvedAtLevel, message.AgreementSummary, message.OccurredAt))
        {
            await scope.Connection.UpdateReportAsync(report, scope.Transaction, cancellationToken);
        }
    }
}

/// <summary>The case moved one level up: the 十户长 sees where it is now.</summary>
public sealed class DisputeEscalatedConsumer(NpgsqlDataSource db, Outbox outbox, ILogger<DisputeEscalatedConsumer> logger)
    : InboxConsumer<DisputeEscalated>(db, outbox, logger)
{
    protected override async Task HandleAsync(DisputeEscalated message, ConsumeScope scope, CancellationToken cancellationToken)
    {
        if (message.SourceReportId is not { } reportId)
        {
            return;
        }
        var report = await scope.Connection.FindReportAsync(reportId, scope.Transaction, forUpdate: true, cancellationToken);
        if (report is not null && report.Escalated(message.CaseId, message.ToNodeCode, message.ToLevel, message.OccurredAt))
        {
            await scope.Connection.UpdateReportAsync(report, scope.Transaction, cancellationToken);
        }
    }
}

/// <summary>The dispute left the town (court, arbitration, another department): the report says so.</summary>
public sealed class DisputeReferredOutConsumer(NpgsqlDataSource db, Outbox outbox, ILogger<DisputeReferredOutConsumer> logger)
    : InboxConsumer<DisputeReferredOut>(db, outbox, logger)
{
    protected override async Task HandleAsync(DisputeReferredOut message, ConsumeScope scope, CancellationToken cancellationToken)
    {
        if (message.SourceReportId is not { } reportId)
        {
            return;
        }
        var report = await scope.Connection.FindReportAsync(reportId, scope.Transaction, forUpdate: true, cancellationToken);
        if (report is not null && report.ReferredOut(message.CaseId, message.NodeCode, message.Destination, message.Reason, message.OccurredAt))
        {
            await scope.Connection.UpdateReportAsync(report, scope.Transaction, cancellationToken);
        }
    }
}
