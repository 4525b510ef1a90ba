using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Zaili.ServiceDefaults;

/// <summary>
/// Which traces reach the dashboard. A client span that starts a trace of its own (no request or message
/// above it) is background polling — the outbox relay's sweep, a health probe's query — and buried the
/// real traces under hundreds of one-span entries: dropped. Of the traces people and systems start, a share
/// (<c>Telemetry:TraceSampleRatio</c>, by trace id, so every service of a trace decides alike) is kept whole;
/// the rest are only recorded, unexported, so that <see cref="FailedSpanKeeper"/> can still export the span
/// of a request or a message that failed.
/// </summary>
public sealed class BackgroundNoiseSampler(double ratio) : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult RecordOnly = new(SamplingDecision.RecordOnly);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private readonly Sampler _share = new TraceIdRatioBasedSampler(ratio);

    public static Sampler Create(double ratio) => new ParentBasedSampler(
        new BackgroundNoiseSampler(ratio),
        remoteParentSampled: new AlwaysOnSampler(),
        remoteParentNotSampled: new RecordOnlySampler(),
        localParentSampled: new AlwaysOnSampler(),
        localParentNotSampled: new AlwaysOffSampler());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client ? Drop
        : _share.ShouldSample(samplingParameters).Decision == SamplingDecision.RecordAndSample ? Keep
        : RecordOnly;

    private sealed class RecordOnlySampler : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) => RecordOnly;
    }
}

/// <summary>Errors are always kept: a recorded but unsampled span that ended in error is exported after all.</summary>
public sealed class FailedSpanKeeper : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (!data.Recorded && data.IsAllDataRequested && data.Status == ActivityStatusCode.Error)
        {
            data.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
        }
    }
}
