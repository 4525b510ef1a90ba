using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Zaili.AppHost.Infrastructure;

namespace Zaili.EndToEnd.Tests;

/// <summary>The AppHost's start-time health check: probes until first healthy, then once per call.</summary>
public sealed class PromptHealthCheckTests
{
    private static readonly HealthCheckContext Context = new();

    [Fact]
    public async Task A_starting_resource_is_probed_again_within_one_call_until_it_answers()
    {
        var probes = 0;
        var check = new PromptHealthCheck(_ => Task.FromResult(++probes < 4 ? HealthCheckResult.Unhealthy("refused") : HealthCheckResult.Healthy()),
            TimeProvider.System, patience: TimeSpan.FromSeconds(30), probeInterval: TimeSpan.FromMilliseconds(5));

        var result = await check.CheckHealthAsync(Context, TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(4, probes);
    }

    [Fact]
    public async Task Once_healthy_a_failure_is_reported_at_the_first_probe()
    {
        var healthy = true;
        var probes = 0;
        var check = new PromptHealthCheck(_ =>
            {
                probes++;
                return Task.FromResult(healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("gone"));
            },
            TimeProvider.System, patience: TimeSpan.FromSeconds(30), probeInterval: TimeSpan.FromMilliseconds(5));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(Context, TestContext.Current.CancellationToken)).Status);

        healthy = false;
        var result = await check.CheckHealthAsync(Context, TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("gone", result.Description);
        Assert.Equal(2, probes);
    }

    [Fact]
    public async Task A_resource_that_never_answers_is_reported_unhealthy_when_the_patience_runs_out()
    {
        var time = new FakeTimeProvider();
        var probes = 0;
        // Each probe takes a simulated second, so the ten-second patience runs out after about ten probes.
        var check = new PromptHealthCheck(_ =>
            {
                probes++;
                time.Advance(TimeSpan.FromSeconds(1));
                return Task.FromResult(HealthCheckResult.Unhealthy("refused"));
            },
            time, patience: TimeSpan.FromSeconds(10), probeInterval: TimeSpan.Zero);

        var result = await check.CheckHealthAsync(Context, TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.InRange(probes, 10, 11);
    }
}
