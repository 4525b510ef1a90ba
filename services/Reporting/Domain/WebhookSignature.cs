using System.Security.Cryptography;
using System.Text;

namespace Zaili.Reporting.Domain;

/// <summary>
/// How a webhook delivery is signed: HMAC-SHA256 with the subscription's secret over
/// <c>{timestamp}.{body}</c>, sent as <c>X-Zaili-Signature: sha256=&lt;hex&gt;</c> with the Unix timestamp
/// in <c>X-Zaili-Timestamp</c>. A receiver recomputes it and refuses old timestamps (replays).
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Zaili-Signature";
    public const string TimestampHeader = "X-Zaili-Timestamp";
    public const string EventIdHeader = "X-Zaili-Event-Id";
    public const string DeliveryIdHeader = "X-Zaili-Delivery";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    public static bool Verify(string secret, long timestamp, string body, string signature, DateTimeOffset now, TimeSpan tolerance)
    {
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}

/// <summary>When a failed delivery is tried again: doubling from the base delay, with jitter, until it is dead-lettered.</summary>
public sealed record WebhookRetryPolicy(TimeSpan BaseDelay, TimeSpan MaxDelay, int MaxAttempts)
{
    /// <summary>The delay after the given number of failed attempts, or null when the delivery goes to the dead-letter list.</summary>
    public TimeSpan? NextDelay(int failedAttempts, double jitter)
    {
        if (failedAttempts >= MaxAttempts)
        {
            return null;
        }
        var delay = BaseDelay * Math.Pow(2, failedAttempts - 1);
        var capped = delay > MaxDelay ? MaxDelay : delay;
        return capped * (1 + 0.2 * Math.Clamp(jitter, 0, 1));
    }
}
