using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.ServiceDefaults.Tests;

public sealed class ConsumeWatchTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ConsumeWatch _watch;

    public ConsumeWatchTests() =>
        _watch = new ConsumeWatch(_time, Options.Create(new ConsumeTimeBoundOptions { Timeout = TimeSpan.FromSeconds(60) }));

    [Fact]
    public void A_consume_deadline_fires_at_the_timeout_and_not_before()
    {
        using var running = _watch.Start("DisputeReported");

        _time.Advance(TimeSpan.FromSeconds(59.9));
        Assert.False(running.Deadline.IsCancellationRequested);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(running.Deadline.IsCancellationRequested);
        Assert.True(running.IsPastDeadline);
    }

    [Fact]
    public void The_longest_running_consume_is_the_oldest_one_still_running()
    {
        var first = _watch.Start("DisputeReported");
        _time.Advance(TimeSpan.FromSeconds(5));
        using var second = _watch.Start("MediationCaseOpened");
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(("DisputeReported", TimeSpan.FromSeconds(7), 2), _watch.Longest());

        first.Dispose();
        Assert.Equal(("MediationCaseOpened", TimeSpan.FromSeconds(2), 1), _watch.Longest());

        second.Dispose();
        Assert.Null(_watch.Longest());
    }

    [Theory]
    [InlineData(0, HealthStatus.Healthy)]
    [InlineData(60, HealthStatus.Healthy)]
    [InlineData(120, HealthStatus.Healthy)]
    [InlineData(121, HealthStatus.Unhealthy)]
    public async Task Health_turns_unhealthy_only_when_a_consume_outlives_twice_its_deadline(int seconds, HealthStatus expected)
    {
        using var running = _watch.Start("DisputeReported");
        _time.Advance(TimeSpan.FromSeconds(seconds));

        var result = await new ConsumeWatchHealthCheck(_watch).CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(expected, result.Status);
        Assert.Contains("DisputeReported", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_is_green_with_nothing_running_even_after_a_hang()
    {
        var running = _watch.Start("DisputeReported");
        _time.Advance(TimeSpan.FromMinutes(10));
        running.Dispose();

        var result = await new ConsumeWatchHealthCheck(_watch).CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.StartsWith("No consume running", result.Description, StringComparison.Ordinal);
    }
}
