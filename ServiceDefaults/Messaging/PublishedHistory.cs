using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Zaili.SharedKernel;

namespace Zaili.ServiceDefaults.Messaging;

/// <summary>
/// A service's published history: every integration event it committed, in outbox order, read from the
/// outbox it already keeps. Reporting replays it to rebuild its read model without reaching into the
/// service's database. Rows count as history once committed, published to the broker yet or not: a
/// committed outbox row is a fact, and a consumer may have seen it before the relay marked it.
/// </summary>
public static class PublishedHistory
{
    public const int MaxPageSize = 1000;

    public sealed record HistoryEvent(long Sequence, Guid MessageId, string MessageType, DateTimeOffset CreatedAt, JsonElement Body);

    public sealed record HistoryPage(IReadOnlyList<HistoryEvent> Events, long Next);

    public static IEndpointConventionBuilder MapPublishedHistory(this IEndpointRouteBuilder endpoints, string routePrefix) =>
        endpoints.MapGet(routePrefix + "/published-events", ReadAsync)
            .WithName("PublishedEvents").WithTags("Service")
            .WithSummary("The service's integration events in commit order, after a sequence; for read-model rebuilds.");

    private static async Task<Ok<HistoryPage>> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken, long after = 0, int limit = 500)
    {
        if (after < 0 || limit is < 1 or > MaxPageSize)
        {
            throw new DomainRuleException($"after 不能为负数，limit 应在 1 到 {MaxPageSize} 之间", "history-page");
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await connection.ReadPublishedHistoryAsync(after, limit, cancellationToken));
    }

    public static async Task<HistoryPage> ReadPublishedHistoryAsync(this NpgsqlConnection connection, long after, int limit, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            """
            SELECT sequence, id AS message_id, message_type, created_at, body::text AS body
            FROM outbox_messages WHERE sequence > @after ORDER BY sequence LIMIT @limit
            """, new { after, limit }, cancellationToken: cancellationToken))).AsList();
        var events = rows.Select(r => new HistoryEvent(r.Sequence, r.MessageId, ShortName(r.MessageType), r.CreatedAt, JsonDocument.Parse(r.Body).RootElement.Clone())).ToList();
        return new HistoryPage(events, events.Count == 0 ? after : events[^1].Sequence);
    }

    private static string ShortName(string fullName) => fullName[(fullName.LastIndexOf('.') + 1)..];

    private sealed class HistoryRow
    {
        public long Sequence { get; init; }
        public Guid MessageId { get; init; }
        public string MessageType { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string Body { get; init; } = "";
    }
}
