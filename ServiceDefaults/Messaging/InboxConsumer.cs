using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;
using Zaili.Contracts;

namespace Zaili.ServiceDefaults.Messaging;

/// <summary>The transaction a consumer writes in; events it raises go to the outbox of the same transaction.</summary>
public sealed record ConsumeScope(NpgsqlConnection Connection, NpgsqlTransaction Transaction, Outbox Outbox, Guid MessageId)
{
    public Task PublishAsync(IIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        Outbox.EnqueueAsync(Transaction, integrationEvent, cancellationToken);
}

/// <summary>
/// Applies each message once through the <see cref="InboxCommitter"/>: the message id is recorded in the
/// inbox in the same transaction as the consumer's own writes, and a message whose id is already there
/// changes nothing. The broker's ack follows the commit, so a crash before commit means a redelivery, never
/// a loss. Concurrent deliveries of one id (two replicas) serialise on the inbox key: the second sees the
/// first's row.
/// </summary>
public abstract class InboxConsumer<TMessage>(InboxCommitter inbox, ILogger logger) : IConsumer<TMessage>
    where TMessage : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id");
        var message = context.Message;
        var applied = await inbox.ApplyAsync(
            new InboxEntry(messageId, GetType().Name, typeof(TMessage).Name),
            (scope, cancellationToken) => HandleAsync(message, scope, cancellationToken),
            CommitsTogether,
            context.CancellationToken);
        if (!applied)
        {
            PlatformTelemetry.InboxDuplicates.Add(1, new KeyValuePair<string, object?>("consumer", GetType().Name));
            logger.LogInformation("Message {MessageId} ({MessageType}) was already applied; ignoring the redelivery", messageId, typeof(TMessage).Name);
            return;
        }
        Committed(message);
    }

    /// <summary>
    /// Whether messages consumed at the same moment share one commit (<see cref="InboxCommitter"/>). It pays where
    /// a message is a few cheap writes and nothing waits on it, as in reporting's projection. A consumer on the path
    /// of a user's request commits each message alone: a group runs its messages one after another on one
    /// connection, and mediation's queue drained more slowly that way (ADR 0013).
    /// </summary>
    protected virtual bool CommitsTogether => false;

    /// <summary>The message's writes, in the inbox's transaction (with other messages' when <see cref="CommitsTogether"/>).</summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeScope scope, CancellationToken cancellationToken);

    /// <summary>After the message's writes committed: wake whatever works on them in the background.</summary>
    protected virtual void Committed(TMessage message)
    {
    }
}
