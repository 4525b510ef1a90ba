using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Npgsql;
using Zaili.Contracts;

namespace Zaili.ServiceDefaults.Messaging;

/// <summary>
/// Writes integration events into the outbox table inside the caller's transaction, so an event
/// exists exactly when the state change that causes it commits. The trace context of the request is
/// stored with the row so the relay's publish continues the same trace. The NOTIFY is delivered at
/// commit and wakes the relay at once; a rolled-back transaction neither stores nor notifies.
/// </summary>
public sealed class Outbox(TimeProvider time)
{
    public const string NotificationChannel = "zaili_outbox";

    /// <summary>How events are written to the outbox; whoever reads an event body back uses the same.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    public async Task EnqueueAsync(NpgsqlTransaction transaction, IIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var type = integrationEvent.GetType();
        var activity = Activity.Current;
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO outbox_messages (id, message_type, body, trace_parent, trace_state, created_at)
            VALUES (@Id, @MessageType, CAST(@Body AS jsonb), @TraceParent, @TraceState, @CreatedAt);
            SELECT pg_notify('{NotificationChannel}', '');
            """,
            new
            {
                Id = Guid.CreateVersion7(),
                MessageType = MessageTypes.NameOf(type),
                Body = JsonSerializer.Serialize(integrationEvent, type, SerializerOptions),
                TraceParent = activity?.Id,
                TraceState = activity?.TraceStateString,
                CreatedAt = time.GetUtcNow(),
            },
            transaction,
            cancellationToken: cancellationToken));
    }
}

/// <summary>Stable names for integration event types, as stored in the outbox.</summary>
public static class MessageTypes
{
    private static readonly IReadOnlyDictionary<string, Type> ByName = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(type))
        .ToDictionary(NameOf, type => type, StringComparer.Ordinal);

    public static IReadOnlyCollection<Type> All { get; } = ByName.Values.ToList();

    public static string NameOf(Type type) => type.FullName ?? type.Name;

    public static bool TryResolve(string name, out Type type) => ByName.TryGetValue(name, out type!);
}
