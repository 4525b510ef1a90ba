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

    /// <summary>A queue that does not exist yet (nothing ever failed) holds nothing.</summary>
    private static async Task<long> MessagesInAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

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
                    foreach (var key in headers.Keys.Where(k => k.StartsWith("MT-Fault", StringComparison.Ordinal) || k == "MT-Reason").ToList())
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

/// <summary>
/// Endpoints for the operators' commands in the dashboard. They are under <c>/ops</c>, which the gateway
/// does not route: only the AppHost, on the service's own address, calls them.
/// </summary>
public static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var ops = endpoints.MapGroup("/ops").WithTags("Operations").ExcludeFromDescription();
        ops.MapGet("/error-queues", async (ErrorQueues errors, CancellationToken cancellationToken) => TypedResults.Ok(await errors.CountAsync(cancellationToken)));
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
