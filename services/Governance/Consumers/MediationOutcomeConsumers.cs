using Npgsql;
using Zaili.Contracts;
using Zaili.Governance.Data;
using Zaili.Governance.Domain;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.Governance.Consumers;

/// <summary>
/// Mediation's outcomes move the dispute report they came from, so the 十户长 sees how it went. Each
/// consumer says which report and what the outcome means; loading, locking and saving are the same.
/// Events that came from no report (walk-ins, referrals) change nothing here.
/// </summary>
public abstract class ReportOutcomeConsumer<TEvent>(InboxCommitter inbox, ILogger logger) : InboxConsumer<TEvent>(inbox, logger)
    where TEvent : class, IIntegrationEvent
{
    protected abstract Guid? ReportIdOf(TEvent message);

    /// <summary>Applies the outcome; false when the report had moved past it already.</summary>
    protected abstract bool Apply(DisputeReport report, TEvent message);

    protected override async Task HandleAsync(TEvent message, ConsumeScope scope, CancellationToken cancellationToken)
    {
        if (ReportIdOf(message) is not { } reportId)
        {
            return;
        }
        var report = await scope.Connection.FindReportAsync(reportId, scope.Transaction, forUpdate: true, cancellationToken);
        if (report is not null && Apply(report, message))
        {
            await scope.Connection.UpdateReportAsync(report, scope.Transaction, cancellationToken);
        }
    }
}

/// <summary>Mediation took up a report: it shows as in mediation, and where.</summary>
public sealed class MediationCaseOpenedConsumer(InboxCommitter inbox, ILogger<MediationCaseOpenedConsumer> logger)
    : ReportOutcomeConsumer<MediationCaseOpened>(inbox, logger)
{
    protected override Guid? ReportIdOf(MediationCaseOpened message) => message.SourceReportId;

    protected override bool Apply(DisputeReport report, MediationCaseOpened message) =>
        report.CaseOpened(message.CaseId, message.NodeCode, message.Level, message.OccurredAt);
}

/// <summary>The case moved one level up: the report shows where it is now.</summary>
public sealed class DisputeEscalatedConsumer(InboxCommitter inbox, ILogger<DisputeEscalatedConsumer> logger)
    : ReportOutcomeConsumer<DisputeEscalated>(inbox, logger)
{
    protected override Guid? ReportIdOf(DisputeEscalated message) => message.SourceReportId;

    protected override bool Apply(DisputeReport report, DisputeEscalated message) =>
        report.Escalated(message.CaseId, message.ToNodeCode, message.ToLevel, message.OccurredAt);
}

/// <summary>An agreement was reached: the report shows it resolved, with the outcome.</summary>
public sealed class DisputeResolvedConsumer(InboxCommitter inbox, ILogger<DisputeResolvedConsumer> logger)
    : ReportOutcomeConsumer<DisputeResolved>(inbox, logger)
{
    protected override Guid? ReportIdOf(DisputeResolved message) => message.SourceReportId;

    protected override bool Apply(DisputeReport report, DisputeResolved message) =>
        report.Resolved(message.CaseId, message.NodeCode, message.ResolvedAtLevel, message.AgreementSummary, message.OccurredAt);
}

/// <summary>The dispute left the town (court, arbitration, another department): the report says so.</summary>
public sealed class DisputeReferredOutConsumer(InboxCommitter inbox, ILogger<DisputeReferredOutConsumer> logger)
    : ReportOutcomeConsumer<DisputeReferredOut>(inbox, logger)
{
    protected override Guid? ReportIdOf(DisputeReferredOut message) => message.SourceReportId;

    protected override bool Apply(DisputeReport report, DisputeReferredOut message) =>
        report.ReferredOut(message.CaseId, message.NodeCode, message.Destination, message.Reason, message.OccurredAt);
}
