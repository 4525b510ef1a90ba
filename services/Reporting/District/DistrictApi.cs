using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Zaili.Contracts;
using Zaili.Reporting.Data;
using Zaili.Reporting.Domain;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Http;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Reporting.District;

/// <summary>
/// The district interface: district systems pull the town's events as a feed, receive them as signed
/// webhooks and send referrals into mediation. Staff register the clients and replay dead letters.
/// </summary>
public static class DistrictApi
{
    public const int MaxFeedPage = 500;

    public static IEndpointRouteBuilder MapDistrictApi(this IEndpointRouteBuilder endpoints)
    {
        var district = endpoints.MapGroup("/api/reports/district").WithTags("District interface").RequireDistrictSystem();
        district.MapGet("/feed", FeedAsync).WithName("DistrictFeed")
            .WithSummary("The town's events in order after a cursor (the last position read); resume with the returned cursor.");
        district.MapPost("/referrals", ReferAsync).WithName("DistrictReferral")
            .WithSummary("A dispute referred by the district (e.g. its hotline) enters mediation; taken once per reference.");
        district.MapGet("/referrals/{reference}", ReferralAsync).WithName("DistrictReferralStatus");
        district.MapPost("/webhooks", SubscribeAsync).WithName("SubscribeWebhook")
            .WithSummary("Events pushed to a URL, signed with HMAC-SHA256 over `{timestamp}.{body}`.");
        district.MapGet("/webhooks", SubscriptionsAsync).WithName("ListWebhooks");

        // District systems are registered and revoked at /api/identity/clients; here administrators look after their deliveries.
        var staff = endpoints.MapPlatformGroup("/api/reports/district-clients", "District clients", StaffAccess.Only(StaffRoles.Administrator));
        staff.MapGet("/", ClientsAsync).WithName("ListDistrictClients").WithSummary("The district systems that have called, with their scope and whether revoked.");
        staff.MapGet("/dead-letters", DeadLettersAsync).WithName("WebhookDeadLetters")
            .WithSummary("Webhook deliveries that failed every retry.");
        staff.MapPost("/deliveries/{id:guid}/replay", ReplayAsync).WithName("ReplayWebhookDelivery")
            .WithSummary("Sends a dead-lettered delivery again, with fresh retries.");
        return endpoints;
    }

    public sealed record ClientView(string Id, string Name, string ScopeCode, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    private static async Task<Ok<IReadOnlyList<ClientView>>> ClientsAsync(NpgsqlDataSource db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.QueryListAsync<ClientView>("SELECT id, name, scope_code, created_at, revoked_at FROM district_clients ORDER BY created_at", null, cancellationToken));

    public sealed record FeedEvent(long Position, Guid MessageId, string Type, string? TownCode, DateTimeOffset OccurredAt, JsonElement Data);

    public sealed record FeedPage(IReadOnlyList<FeedEvent> Events, long Cursor, bool HasMore);

    private sealed class FeedRow
    {
        public long Position { get; init; }
        public Guid MessageId { get; init; }
        public string EventType { get; init; } = "";
        public string? TownCode { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Body { get; init; } = "";
    }

    private static async Task<Ok<FeedPage>> FeedAsync(ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken cancellationToken, long after = 0, int limit = 100)
    {
        if (after < 0 || limit is < 1 or > MaxFeedPage)
        {
            throw new DomainRuleException($"游标不能为负数，每页条数应在1至{MaxFeedPage}之间", "feed-page");
        }
        var client = DistrictClient.Of(user);
        var rows = await db.QueryListAsync<FeedRow>(
            """
            SELECT position, message_id, event_type, town_code, occurred_at, body::text AS body FROM event_log
            WHERE position > @after AND town_code LIKE @scope || '%'
            ORDER BY position LIMIT @take
            """, new { after, scope = client.ScopeCode, take = limit + 1 }, cancellationToken);
        var page = rows.Take(limit).Select(Feed).ToList();
        return TypedResults.Ok(new FeedPage(page, page.Count == 0 ? after : page[^1].Position, rows.Count > limit));
    }

    private static FeedEvent Feed(FeedRow row) =>
        new(row.Position, row.MessageId, row.EventType, row.TownCode, row.OccurredAt, JsonDocument.Parse(row.Body).RootElement.Clone());

    public sealed record ReferralRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), RegularExpression("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$", ErrorMessage = "参考号应为1至64位字母、数字或 . _ : -")]
        public string? Reference { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? VillageCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DisputeCategory? Category { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(2000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Summary { get; init; }

        [Range(1, 1000, ErrorMessage = ValidationMessages.Range)]
        public int HouseholdCount { get; init; } = 1;
    }

    public sealed class ReferralView
    {
        public Guid Id { get; init; }
        public string Reference { get; init; } = "";
        public string VillageCode { get; init; } = "";
        public string Category { get; init; } = "";
        public DateTimeOffset ReceivedAt { get; init; }
        public Guid? CaseId { get; init; }
        public DateTimeOffset? CaseOpenedAt { get; init; }
        public string? Outcome { get; init; }
        public DateTimeOffset? ResolvedAt { get; init; }
        [System.Text.Json.Serialization.JsonIgnore]
        public string ContentHash { get; init; } = "";
        public string Status => Outcome ?? (CaseId is null ? "Sent" : "InMediation");
    }

    private const string ReferralColumns = "id, reference, village_code, category, received_at, case_id, case_opened_at, outcome, resolved_at, content_hash";

    private static async Task<Results<Created<ReferralView>, Ok<ReferralView>>> ReferAsync(
        ReferralRequest request, ClaimsPrincipal user, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var client = DistrictClient.Of(user);
        var now = time.GetUtcNow();
        var summary = request.Summary!.Trim();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{request.VillageCode}\n{request.Category}\n{request.HouseholdCount}\n{summary}")));
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var village = await connection.FindDirectoryVillageAsync(request.VillageCode!, transaction, cancellationToken);
        if (village is null || !client.Covers(village.Code))
        {
            throw VillageErrors.Unknown(request.VillageCode);
        }
        var id = Guid.CreateVersion7(now);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO district_referrals (id, client_id, reference, village_code, category, summary, household_count, content_hash, received_at)
            VALUES (@id, @clientId, @Reference, @VillageCode, @category, @summary, @HouseholdCount, @hash, @now)
            ON CONFLICT (client_id, reference) DO NOTHING
            """,
            new { id, clientId = client.Id, request.Reference, request.VillageCode, category = request.Category!.Value.ToString(), summary, request.HouseholdCount, hash, now },
            transaction, cancellationToken: cancellationToken)) == 1;
        if (inserted)
        {
            await outbox.EnqueueAsync(transaction, new DisputeReferredByDistrict(
                $"{client.Id}:{request.Reference}", request.VillageCode!, request.Category.Value, summary, request.HouseholdCount, now), cancellationToken);
        }
        var referral = (await connection.QuerySingleAsync<ReferralView>(new CommandDefinition(
            $"SELECT {ReferralColumns} FROM district_referrals WHERE client_id = @clientId AND reference = @Reference",
            new { clientId = client.Id, request.Reference }, transaction, cancellationToken: cancellationToken)));
        await transaction.CommitAsync(cancellationToken);
        if (inserted)
        {
            return TypedResults.Created($"/api/reports/district/referrals/{Uri.EscapeDataString(request.Reference!)}", referral);
        }
        if (referral.ContentHash != hash)
        {
            throw new ReferenceConflictException(request.Reference!);
        }
        return TypedResults.Ok(referral);
    }

    private static async Task<Ok<ReferralView>> ReferralAsync(string reference, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var client = DistrictClient.Of(user);
        return TypedResults.Ok(await db.QueryOneAsync<ReferralView>(
            $"SELECT {ReferralColumns} FROM district_referrals WHERE client_id = @clientId AND reference = @reference", new { clientId = client.Id, reference }, cancellationToken)
            ?? throw new RecordNotFoundException("转办纠纷", reference));
    }

    public sealed record WebhookRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), Url(ErrorMessage = "应为 http 或 https 地址"), StringLength(500, ErrorMessage = ValidationMessages.Length)]
        public string? Url { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(200, MinimumLength = 32, ErrorMessage = "签名密钥应为32至200个字符")]
        public string? Secret { get; init; }

        [Length(0, 100, ErrorMessage = ValidationMessages.Count)]
        public List<string>? EventTypes { get; init; }
    }

    public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string>? EventTypes, DateTimeOffset CreatedAt, bool Active);

    private static async Task<Created<WebhookView>> SubscribeAsync(WebhookRequest request, ClaimsPrincipal user, NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new DomainRuleException("回调地址应为 http 或 https 绝对地址", "webhook-url");
        }
        var types = request.EventTypes is { Count: > 0 } list ? list.Distinct().ToArray() : null;
        if (types?.FirstOrDefault(type => !EventCatalog.Types.ContainsKey(type)) is { } unknown)
        {
            throw new DomainRuleException($"没有名为 {unknown} 的事件", "webhook-event-type");
        }
        var view = new WebhookView(Guid.CreateVersion7(), url.ToString(), types, time.GetUtcNow(), true);
        await db.ExecuteAsync(
            "INSERT INTO webhook_subscriptions (id, client_id, url, secret_cipher, event_types, created_at) VALUES (@Id, @clientId, @Url, @cipher, @types, @CreatedAt)",
            new { view.Id, clientId = DistrictClient.Of(user).Id, view.Url, cipher = protector.Protect(request.Secret!), types, view.CreatedAt }, cancellationToken);
        return TypedResults.Created($"/api/reports/district/webhooks", view);
    }

    private sealed class WebhookRow
    {
        public Guid Id { get; init; }
        public string Url { get; init; } = "";
        public string[]? EventTypes { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public bool Active { get; init; }
    }

    private static async Task<Ok<IReadOnlyList<WebhookView>>> SubscriptionsAsync(ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<WebhookView>>((await db.QueryListAsync<WebhookRow>(
            "SELECT id, url, event_types, created_at, active FROM webhook_subscriptions WHERE client_id = @clientId ORDER BY created_at",
            new { clientId = DistrictClient.Of(user).Id }, cancellationToken)).Select(r => new WebhookView(r.Id, r.Url, r.EventTypes, r.CreatedAt, r.Active)).ToList());

    public sealed class DeadLetter
    {
        public Guid Id { get; init; }
        public Guid SubscriptionId { get; init; }
        public string ClientId { get; init; } = "";
        public string Url { get; init; } = "";
        public long Position { get; init; }
        public string EventType { get; init; } = "";
        public int Attempts { get; init; }
        public int? LastStatusCode { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    private static async Task<Ok<IReadOnlyList<DeadLetter>>> DeadLettersAsync(string? clientId, NpgsqlDataSource db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.QueryListAsync<DeadLetter>(
            """
            SELECT d.id, d.subscription_id, s.client_id, s.url, d.position, e.event_type, d.attempts, d.last_status_code, d.last_error, d.created_at
            FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id JOIN event_log e ON e.position = d.position
            WHERE d.status = 'Dead' AND (@clientId::text IS NULL OR s.client_id = @clientId)
            ORDER BY d.position LIMIT 500
            """, new { clientId }, cancellationToken));

    private static async Task<Accepted> ReplayAsync(Guid id, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var changed = await db.ExecuteAsync(
            "UPDATE webhook_deliveries SET status = 'Pending', attempts = 0, next_attempt_at = @now, last_error = NULL WHERE id = @id AND status = 'Dead'",
            new { id, now = time.GetUtcNow() }, cancellationToken);
        if (changed == 0)
        {
            var status = await db.QueryOneAsync<string>("SELECT status FROM webhook_deliveries WHERE id = @id", new { id }, cancellationToken)
                ?? throw new RecordNotFoundException("推送记录", id.ToString());
            throw new InvalidTransitionException("推送记录", status, "Replay", []);
        }
        return TypedResults.Accepted($"/api/reports/district-clients/dead-letters");
    }
}

/// <summary>The same district reference sent again with different content: a 409, the first one stands.</summary>
public sealed class ReferenceConflictException(string reference)
    : ConflictException($"参考号 {reference} 已用于另一内容不同的转办，请使用新的参考号", "referral-reference-conflict");
