using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Zaili.ServiceDefaults;

/// <summary>
/// Keeps the dashboard's trace list about work people and systems asked for. A client span that starts
/// a trace of its own (no request or message above it) is background polling — the outbox relay's sweep,
/// a health probe's query — and buried the real traces under hundreds of one-span entries. Those are
/// dropped; everything under a request or a consumed message is kept (parent-based).
/// </summary>
public sealed class BackgroundNoiseSampler : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public static Sampler Create() => new ParentBasedSampler(new BackgroundNoiseSampler());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client ? Drop : Keep;
}
