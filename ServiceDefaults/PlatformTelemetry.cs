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
    public static readonly Counter<long> ConsumeTimeouts =
        Meter.CreateCounter<long>("zaili.consume.timeouts", "{attempt}", "Attempts at a message cancelled at the consume deadline");
}
