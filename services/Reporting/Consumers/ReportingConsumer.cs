using Npgsql;
using Zaili.Contracts;
using Zaili.Reporting.Data;
using Zaili.Reporting.District;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.Reporting.Consumers;

/// <summary>
/// Reporting reads every integration event of the platform from one queue; each is applied once (the
/// inbox), counted into the figures and appended to the district feed in the same transaction; the feed
/// sequencer positions it after the commit.
/// </summary>
public sealed class ReportingConsumer<TEvent>(InboxCommitter inbox, FeedSequencer feed, ILogger<ReportingConsumer<TEvent>> logger)
    : InboxConsumer<TEvent>(inbox, logger)
    where TEvent : class, IIntegrationEvent
{
    // Every event of the platform comes through here, two per dispute report, each a few inserts: one commit
    // for the messages that arrive together instead of one each (ADR 0013).
    protected override bool CommitsTogether => true;

    protected override Task HandleAsync(TEvent message, ConsumeScope scope, CancellationToken cancellationToken) =>
        ReadModel.ApplyAsync(scope.Connection, scope.Transaction, scope.MessageId, message, cancellationToken);

    protected override void Committed(TEvent message) => feed.Wake();
}
