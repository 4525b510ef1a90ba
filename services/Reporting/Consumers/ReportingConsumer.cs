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
public sealed class ReportingConsumer<TEvent>(NpgsqlDataSource db, Outbox outbox, FeedSequencer feed, ILogger<ReportingConsumer<TEvent>> logger)
    : InboxConsumer<TEvent>(db, outbox, logger)
    where TEvent : class, IIntegrationEvent
{
    protected override Task HandleAsync(TEvent message, ConsumeScope scope, CancellationToken cancellationToken) =>
        ReadModel.ApplyAsync(scope.Connection, scope.Transaction, scope.MessageId, message, cancellationToken);

    protected override void Committed(TEvent message) => feed.Wake();
}
