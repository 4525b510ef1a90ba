using Dapper;
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
/// Applies each message once: the message id is recorded in the inbox in the same transaction as the
/// consumer's own writes, and a message whose id is already there changes nothing. The broker's ack
/// follows the commit, so a crash before commit means a redelivery, never a loss. Concurrent
/// deliveries of one id (two replicas) serialise on the inbox key: the second sees the first's row.
/// </summary>
public abstract class InboxConsumer<TMessage>(NpgsqlDataSource dataSource, Outbox outbox, ILogger logger) : IConsumer<TMessage>
    where TMessage : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id");
        var cancellationToken = context.CancellationToken;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var first = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO inbox_messages (message_id, consumer, message_type)
            VALUES (@MessageId, @Consumer, @MessageType)
            ON CONFLICT DO NOTHING
            """,
            new { MessageId = messageId, Consumer = GetType().Name, MessageType = typeof(TMessage).Name },
            transaction,
            cancellationToken: cancellationToken)) == 1;

        if (!first)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE inbox_messages SET duplicates = duplicates + 1, last_duplicate_at = now()
                WHERE message_id = @MessageId AND consumer = @Consumer
                """,
                new { MessageId = messageId, Consumer = GetType().Name },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            PlatformTelemetry.InboxDuplicates.Add(1, new KeyValuePair<string, object?>("consumer", GetType().Name));
            logger.LogInformation("Message {MessageId} ({MessageType}) was already applied; ignoring the redelivery", messageId, typeof(TMessage).Name);
            return;
        }

        await HandleAsync(context.Message, new ConsumeScope(connection, transaction, outbox, messageId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Committed(context.Message);
    }

    protected abstract Task HandleAsync(TMessage message, ConsumeScope scope, CancellationToken cancellationToken);

    /// <summary>After the message's writes committed: wake whatever works on them in the background.</summary>
    protected virtual void Committed(TMessage message)
    {
    }
}
