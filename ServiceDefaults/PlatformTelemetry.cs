using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Zaili.ServiceDefaults;

/// <summary>The platform's own activity source and meter (outbox relay, inbox).</summary>
public static class PlatformTelemetry
{
    public const string ActivitySourceName = "Zaili.Platform";
    public const string MeterName = "Zaili.Platform";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> OutboxPublished =
        Meter.CreateCounter<long>("zaili.outbox.published", "{message}", "Outbox messages published to the broker");
    public static readonly Counter<long> InboxDuplicates =
        Meter.CreateCounter<long>("zaili.inbox.duplicates", "{message}", "Redelivered messages absorbed by the inbox");
    public static readonly Histogram<int> InboxGroupSize =
        Meter.CreateHistogram<int>("zaili.inbox.group_size", "{message}", "Messages committed together by one inbox group commit");
    public static readonly Counter<long> InboxGroupFallbacks =
        Meter.CreateCounter<long>("zaili.inbox.group_fallbacks", "{commit}", "Inbox group commits that failed and were applied one message at a time");
    public static readonly Counter<long> ConsumeTimeouts =
        Meter.CreateCounter<long>("zaili.consume.timeouts", "{attempt}", "Attempts at a message cancelled at the consume deadline");
}
