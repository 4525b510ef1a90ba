using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;
using Zaili.ServiceDefaults;

namespace Zaili.ServiceDefaults.Tests;

public sealed class TraceSamplingTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_burst_exports_one_seconds_budget_of_new_traces_and_only_records_the_rest()
    {
        var sampler = BackgroundNoiseSampler.Create(1.0, new TraceBudget(10, _time));

        var decisions = Enumerable.Range(0, 25).Select(_ => sampler.ShouldSample(NewTrace(ActivityKind.Server)).Decision).ToList();

        Assert.Equal(10, decisions.Count(d => d == SamplingDecision.RecordAndSample));
        Assert.Equal(15, decisions.Count(d => d == SamplingDecision.RecordOnly));
    }

    [Fact]
    public void The_budget_refills_with_time_up_to_one_second_of_it()
    {
        var budget = new TraceBudget(10, _time);
        Assert.Equal(10, TakeAll(budget));

        _time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(3, TakeAll(budget));

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(10, TakeAll(budget));
    }

    [Fact]
    public void A_trace_started_elsewhere_follows_its_parents_decision_whatever_the_budget()
    {
        var budget = new TraceBudget(1, _time);
        TakeAll(budget);
        var sampler = BackgroundNoiseSampler.Create(1.0, budget);

        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(ChildOf(ActivityTraceFlags.Recorded)).Decision);
        Assert.Equal(SamplingDecision.RecordOnly, sampler.ShouldSample(ChildOf(ActivityTraceFlags.None)).Decision);
    }

    // Background polling (a client span with nothing above it) starts no trace; a ratio of 0 leaves a request unexported.
    [Theory]
    [InlineData(ActivityKind.Client, 1.0, SamplingDecision.Drop)]
    [InlineData(ActivityKind.Server, 0.0, SamplingDecision.RecordOnly)]
    public void A_trace_that_is_not_exported_spends_no_budget(ActivityKind kind, double ratio, SamplingDecision expected)
    {
        var budget = new TraceBudget(1, _time);
        var sampler = BackgroundNoiseSampler.Create(ratio, budget);

        Assert.Equal(expected, sampler.ShouldSample(NewTrace(kind)).Decision);
        Assert.True(budget.TryTake());
    }

    [Fact]
    public void A_failed_span_that_was_only_recorded_is_exported_after_all()
    {
        using var activity = new Activity("request") { ActivityTraceFlags = ActivityTraceFlags.None, IsAllDataRequested = true };
        activity.SetStatus(ActivityStatusCode.Error);

        new FailedSpanKeeper().OnEnd(activity);

        Assert.True(activity.Recorded);
    }

    [Fact]
    public void A_budget_must_allow_some_traces() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TraceBudget(0, _time));

    private static int TakeAll(TraceBudget budget)
    {
        var taken = 0;
        while (budget.TryTake())
        {
            taken++;
        }
        return taken;
    }

    private static SamplingParameters NewTrace(ActivityKind kind) =>
        new(default, ActivityTraceId.CreateRandom(), "span", kind);

    private static SamplingParameters ChildOf(ActivityTraceFlags flags)
    {
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), flags, isRemote: true);
        return new(parent, parent.TraceId, "span", ActivityKind.Consumer);
    }
}
