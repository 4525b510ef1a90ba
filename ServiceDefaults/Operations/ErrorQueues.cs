using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Zaili.ServiceDefaults.Operations;

/// <summary>The receive queues this service consumes from, as MassTransit named them.</summary>
public sealed class ServiceQueues
{
    private readonly ConcurrentDictionary<string, bool> _names = new();

    public void Add(string queue) => _names.TryAdd(queue, true);

    public IReadOnlyList<string> Names => _names.Keys.Order(StringComparer.Ordinal).ToList();
}

/// <summary>
/// The messages this service's consumers gave up on (after retries, in <c>{queue}_error</c>): counted,
/// and moved back to their queue on an operator's command. The inbox makes a replayed message that had
/// in fact been applied change nothing.
/// </summary>
public sealed class ErrorQueues(ServiceQueues queues, IConfiguration configuration, ILogger<ErrorQueues> logger)
{
    /// <summary>
    /// What MassTransit declares an error queue with: the receive queue's durability and arguments, and every
    /// receive queue is a quorum queue (<c>SetQuorumQueue</c> in <c>PlatformServiceExtensions.AddPlatformBus</c>).
    /// </summary>
    private static readonly Dictionary<string, object?> ErrorQueueArguments = new() { [Headers.XQueueType] = "quorum" };

    public sealed record QueueCount(string Queue, long Messages);

    public sealed record Replayed(string Queue, int Moved);

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString(Zaili.ResourceNames.RabbitMq)
            ?? throw new InvalidOperationException($"Connection string '{Zaili.ResourceNames.RabbitMq}' is missing");
        return await new ConnectionFactory { Uri = new Uri(connectionString), ClientProvidedName = "error-queues" }.CreateConnectionAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<QueueCount>> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var counts = new List<QueueCount>();
        foreach (var queue in queues.Names)
        {
            counts.Add(new QueueCount(queue + "_error", await MessagesInAsync(connection, queue + "_error", cancellationToken)));
        }
        return counts;
    }

    /// <summary>
    /// Declares the error queue as MassTransit does when it first moves a message there (durable, with the receive
    /// queue's arguments), so the count never asks for a queue that does not exist: a passive declare of a missing
    /// queue closes the channel, which the broker logged as an error every 15 s for every queue of every service.
    /// An error queue an older installation declared otherwise is counted as it is.
    /// </summary>
    private static async Task<long> MessagesInAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            return (await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                ErrorQueueArguments, cancellationToken: cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 406)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
    }

    /// <summary>A message that failed for good: <c>Retries</c> in process on its last delivery, after <c>Redeliveries</c> returns from its delay queue.</summary>
    public sealed record WaitingMessage(string Queue, string? MessageId, string? MessageType, string? Reason, string? FaultedAt, int Retries, int Redeliveries);

    /// <summary>
    /// Looks at up to <paramref name="limit"/> messages per error queue without taking them: they are read
    /// unacknowledged and go back when the channel closes.
    /// </summary>
    public async Task<IReadOnlyList<WaitingMessage>> PeekAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var waiting = new List<WaitingMessage>();
        foreach (var queue in queues.Names)
        {
            var errorQueue = queue + "_error";
            if (await MessagesInAsync(connection, errorQueue, cancellationToken) == 0)
            {
                continue;
            }
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            for (var read = 0; read < limit && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message; read++)
            {
                var headers = message.BasicProperties.Headers ?? new Dictionary<string, object?>();
                waiting.Add(new WaitingMessage(
                    errorQueue,
                    message.BasicProperties.MessageId,
                    EnvelopeMessageType(message.Body),
                    Header(headers, "MT-Fault-Message") ?? Header(headers, "MT-Reason"),
                    Header(headers, "MT-Fault-Timestamp"),
                    int.TryParse(Header(headers, "MT-Fault-RetryCount"), out var retries) ? retries : 0,
                    Messaging.DelayedRedelivery.AttemptOf(message.BasicProperties)));
            }
        }
        return waiting;
    }

    /// <summary>MassTransit's JSON envelope names the message type as a URN (urn:message:Zaili.Contracts:DisputeReported).</summary>
    private static string? EnvelopeMessageType(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = System.Text.Json.JsonDocument.Parse(body);
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == System.Text.Json.JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Header(IDictionary<string, object?> headers, string name) => headers.TryGetValue(name, out var value) ? value switch
    {
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        null => null,
        var other => other.ToString(),
    } : null;

    /// <summary>Moves what is in each error queue now back to its queue, with publisher confirms, acking each only after its confirm.</summary>
    public async Task<IReadOnlyList<Replayed>> ReplayAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var replayed = new List<Replayed>();
        foreach (var queue in queues.Names)
        {
            var errorQueue = queue + "_error";
            var waiting = await MessagesInAsync(connection, errorQueue, cancellationToken);
            if (waiting == 0)
            {
                continue;
            }
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            var moved = 0;
            // Only what was there when we looked: a message that fails again must not loop here.
            while (moved < waiting && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message)
            {
                var properties = new BasicProperties(message.BasicProperties);
                if (properties.Headers is { } headers)
                {
                    // A replayed message gets its retries and redeliveries afresh: the operator fixed the cause.
                    foreach (var key in headers.Keys.Where(k => k.StartsWith("MT-Fault", StringComparison.Ordinal) || k == "MT-Reason" || k == Messaging.DelayedRedelivery.AttemptHeader).ToList())
                    {
                        headers.Remove(key);
                    }
                }
                await channel.BasicPublishAsync(exchange: "", routingKey: queue, mandatory: true, basicProperties: properties, body: message.Body, cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                moved++;
            }
            logger.LogWarning("Replayed {Moved} message(s) from {ErrorQueue} to {Queue}", moved, errorQueue, queue);
            replayed.Add(new Replayed(queue, moved));
        }
        return replayed;
    }
}

/// <summary>What waits in each error queue, as a gauge: a poison message shows on the dashboard.</summary>
public sealed class ErrorQueueGauge(ErrorQueues errorQueues) : IGaugeSource
{
    public string Name => "zaili.messaging.error_queue.messages";
    public string Unit => "{message}";
    public string Description => "Messages the consumers gave up on, waiting in their _error queue for an operator";

    public async Task<IReadOnlyList<System.Diagnostics.Metrics.Measurement<double>>> MeasureAsync(CancellationToken cancellationToken) =>
        (await errorQueues.CountAsync(cancellationToken))
            .Select(count => new System.Diagnostics.Metrics.Measurement<double>(count.Messages, new KeyValuePair<string, object?>("messaging.destination.name", count.Queue)))
            .ToList();
}

/// <summary>
/// Endpoints for the operators' commands in the dashboard. They are under <c>/ops</c>, which the gateway
/// does not route: only the AppHost, on the service's own address, calls them.
/// </summary>
public static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Called by the AppHost on the service's own address; the gateway does not route /ops.
        var ops = endpoints.MapGroup("/ops").WithTags("Operations").ExcludeFromDescription().AllowAnonymous();
        ops.MapGet("/error-queues", async (ErrorQueues errors, CancellationToken cancellationToken) => TypedResults.Ok(await errors.CountAsync(cancellationToken)));
        ops.MapGet("/error-queues/messages", async (ErrorQueues errors, CancellationToken cancellationToken, int limit = 20) =>
            limit is < 1 or > 200
                ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "请求有误", detail: "limit 须在 1 到 200 之间")
                : TypedResults.Ok(await errors.PeekAsync(limit, cancellationToken)));
        ops.MapPost("/error-queues/replay", async (ErrorQueues errors, CancellationToken cancellationToken) => TypedResults.Ok(await errors.ReplayAsync(cancellationToken)));
        ops.MapPost("/metrics/sample", async (BusinessMetrics metrics, CancellationToken cancellationToken) =>
        {
            await metrics.SampleAsync(cancellationToken);
            return TypedResults.Ok(metrics.Last.ToDictionary(g => g.Key, g => g.Value.Select(m => new
            {
                m.Value,
                Attributes = m.Tags.ToArray().ToDictionary(t => t.Key, t => t.Value),
            })));
        });
    }
}
