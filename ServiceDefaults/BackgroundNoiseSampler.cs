using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Zaili.ServiceDefaults;

/// <summary>
/// Which traces reach the dashboard. A client span that starts a trace of its own (no request or message
/// above it) is background polling — the outbox relay's sweep, a health probe's query — and buried the
/// real traces under hundreds of one-span entries: dropped. Of the traces people and systems start, a share
/// (<c>Telemetry:TraceSampleRatio</c>, by trace id, so every service of a trace decides alike) is kept whole,
/// up to <see cref="TraceBudget"/> new traces a second in this process; the services below follow the
/// decision of the one that started the trace. The rest are only recorded, unexported, so that
/// <see cref="FailedSpanKeeper"/> can still export the span of a request or a message that failed.
/// </summary>
public sealed class BackgroundNoiseSampler(double ratio, TraceBudget budget) : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult RecordOnly = new(SamplingDecision.RecordOnly);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private readonly Sampler _share = new TraceIdRatioBasedSampler(ratio);

    public static Sampler Create(double ratio, TraceBudget budget) => new ParentBasedSampler(
        new BackgroundNoiseSampler(ratio, budget),
        remoteParentSampled: new AlwaysOnSampler(),
        remoteParentNotSampled: new RecordOnlySampler(),
        localParentSampled: new AlwaysOnSampler(),
        localParentNotSampled: new AlwaysOffSampler());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client ? Drop
        : _share.ShouldSample(samplingParameters).Decision == SamplingDecision.RecordAndSample && budget.TryTake() ? Keep
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

/// <summary>
/// How many new traces a second one process exports (<c>Telemetry:TracesPerSecond</c>), a token bucket that
/// holds one second's worth. A town's traffic stays below it, so every trace is there; under a burst the cost
/// of tracing stays bounded. The dashboard stores each span in SQLite, about a millisecond of CPU per span,
/// and a dispute report's trace has some fifty: at 20 reports a second it took half a core (ADR 0009).
/// </summary>
public sealed class TraceBudget
{
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _filledAt;

    public TraceBudget(double perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _perSecond = perSecond;
        _time = time;
        _tokens = perSecond;
        _filledAt = time.GetTimestamp();
    }

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_perSecond, _tokens + _time.GetElapsedTime(_filledAt, now).TotalSeconds * _perSecond);
            _filledAt = now;
            if (_tokens < 1)
            {
                return false;
            }
            _tokens--;
            return true;
        }
    }
}
