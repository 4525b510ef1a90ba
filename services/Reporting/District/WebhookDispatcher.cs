using System.Diagnostics;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Zaili.Reporting.Domain;
using Zaili.ServiceDefaults.Data;

namespace Zaili.Reporting.District;

public sealed class WebhookOptions
{
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public int BatchSize { get; set; } = 32;

    public WebhookRetryPolicy RetryPolicy => new(BaseDelay, MaxDelay, MaxAttempts);
}

/// <summary>
/// Sends due webhook deliveries: each claimed with SKIP LOCKED, signed, POSTed, and then marked
/// delivered, scheduled again with back-off, or dead-lettered after the last attempt. A delivery is
/// at-least-once: a receiver de-duplicates by the event id header.
/// </summary>
public sealed class WebhookDispatcher(
    NpgsqlDataSource db, IHttpClientFactory httpClients, PersonalDataProtector protector, IOptions<WebhookOptions> options, TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await SendDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Webhook dispatch failed: {Message}", exception.Message);
            }
            if (sent < options.Value.BatchSize)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private sealed class DueDelivery
    {
        public Guid Id { get; init; }
        public int Attempts { get; init; }
        public string Url { get; init; } = "";
        public byte[] SecretCipher { get; init; } = [];
        public long Position { get; init; }
        public Guid MessageId { get; init; }
        public string EventType { get; init; } = "";
        public string? TownCode { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Body { get; init; } = "";
    }

    private async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = (await connection.QueryAsync<DueDelivery>(new CommandDefinition(
            """
            SELECT d.id, d.attempts, s.url, s.secret_cipher, e.position, e.message_id, e.event_type, e.town_code, e.occurred_at, e.body::text AS body
            FROM webhook_deliveries d
            JOIN webhook_subscriptions s ON s.id = d.subscription_id
            JOIN event_log e ON e.position = d.position
            WHERE d.status = 'Pending' AND d.next_attempt_at <= @now
            ORDER BY d.next_attempt_at, d.position
            LIMIT @BatchSize
            FOR UPDATE OF d SKIP LOCKED
            """, new { now = time.GetUtcNow(), options.Value.BatchSize }, transaction, cancellationToken: cancellationToken))).AsList();
        if (due.Count == 0)
        {
            return 0;
        }
        var outcomes = await Task.WhenAll(due.Select(delivery => SendAsync(delivery, cancellationToken)));
        foreach (var (delivery, outcome) in due.Zip(outcomes))
        {
            var failedAttempts = delivery.Attempts + 1;
            var retryIn = outcome.Delivered ? null : options.Value.RetryPolicy.NextDelay(failedAttempts, Random.Shared.NextDouble());
            var status = outcome.Delivered ? "Delivered" : retryIn is null ? "Dead" : "Pending";
            if (status == "Dead")
            {
                logger.LogWarning("Webhook delivery {DeliveryId} of event {MessageId} to {Url} dead-lettered after {Attempts} attempts: {Error}",
                    delivery.Id, delivery.MessageId, delivery.Url, failedAttempts, outcome.Error);
            }
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE webhook_deliveries SET status = @status, attempts = @failedAttempts, last_status_code = @StatusCode, last_error = @Error,
                  next_attempt_at = @next, delivered_at = CASE WHEN @status = 'Delivered' THEN @now END
                WHERE id = @Id
                """,
                new { status, failedAttempts, outcome.StatusCode, outcome.Error, next = time.GetUtcNow() + (retryIn ?? TimeSpan.Zero), now = time.GetUtcNow(), delivery.Id },
                transaction, cancellationToken: CancellationToken.None));
        }
        await transaction.CommitAsync(CancellationToken.None);
        return due.Count;
    }

    private sealed record Outcome(bool Delivered, int? StatusCode, string? Error);

    private async Task<Outcome> SendAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var body = $$"""{"position":{{delivery.Position}},"messageId":"{{delivery.MessageId}}","type":"{{delivery.EventType}}","townCode":{{(delivery.TownCode is null ? "null" : $"\"{delivery.TownCode}\"")}},"occurredAt":"{{delivery.OccurredAt.UtcDateTime:O}}","data":{{delivery.Body}}}""";
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(protector.Unprotect(delivery.SecretCipher), timestamp, body));
        request.Headers.Add(WebhookSignature.EventIdHeader, delivery.MessageId.ToString());
        request.Headers.Add(WebhookSignature.DeliveryIdHeader, delivery.Id.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode
                ? new Outcome(true, (int)response.StatusCode, null)
                : new Outcome(false, (int)response.StatusCode, $"HTTP {(int)response.StatusCode} after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Outcome(false, null, exception.Message);
        }
    }
}
