using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Zaili.AppHost.Infrastructure;

/// <summary>
/// A health check that, until its resource has been healthy once, keeps probing for a while instead of
/// answering "unhealthy" at the first refusal.
/// </summary>
/// <remarks>
/// Aspire checks a resource that is not healthy yet after 1 s, then 2, 3, 4 and 5 s more. A broker that boots
/// in 6.1 s is therefore seen at 10 s and a service ready at 10.1 s at 15 s, and everything waiting for them
/// waits as well: the start took 4–9 s longer than the resources did, by luck of the timing. Probing every
/// 100 ms while starting sees them within a tenth of a second. Once healthy, a check probes once per call, so a
/// resource that fails later is reported unhealthy at once.
/// </remarks>
public sealed class PromptHealthCheck(Func<CancellationToken, Task<HealthCheckResult>> probe, TimeProvider time, TimeSpan patience, TimeSpan probeInterval) : IHealthCheck
{
    /// <summary>How long one call keeps probing a resource that has not been healthy yet.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan DefaultProbeInterval = TimeSpan.FromMilliseconds(100);

    private volatile bool _healthyOnce;

    public PromptHealthCheck(Func<CancellationToken, Task<HealthCheckResult>> probe, TimeProvider time)
        : this(probe, time, DefaultPatience, DefaultProbeInterval)
    {
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await probe(cancellationToken);
        if (!_healthyOnce)
        {
            var giveUpAt = time.GetUtcNow() + patience;
            while (result.Status != HealthStatus.Healthy && time.GetUtcNow() < giveUpAt)
            {
                await Task.Delay(probeInterval, time, cancellationToken);
                result = await probe(cancellationToken);
            }
            _healthyOnce = result.Status == HealthStatus.Healthy;
        }
        return result;
    }
}

internal static class PromptHealthCheckExtensions
{
    /// <summary>Registers <paramref name="probe"/> as a <see cref="PromptHealthCheck"/> named <paramref name="key"/>.</summary>
    public static IHealthChecksBuilder AddPromptCheck(this IHealthChecksBuilder checks, string key, Func<CancellationToken, Task<HealthCheckResult>> probe)
    {
        // One instance for the registration's lifetime: it remembers whether its resource has been healthy.
        var check = new PromptHealthCheck(probe, TimeProvider.System);
        return checks.Add(new HealthCheckRegistration(key, check, failureStatus: null, tags: null));
    }

    /// <summary>Like Aspire's <c>WithHttpHealthCheck</c> (a 200 from <paramref name="path"/> on the "http" endpoint), probed promptly.</summary>
    public static IResourceBuilder<T> WithPromptHttpHealthCheck<T>(this IResourceBuilder<T> resource, string path) where T : IResourceWithEndpoints
    {
        var endpoint = resource.Resource.GetEndpoint("http");
        var key = $"{resource.Resource.Name}-http-ok";
        resource.ApplicationBuilder.Services.AddHealthChecks().AddPromptCheck(key, ct => ProtocolHealthChecks.HttpOkAsync(new Uri(new Uri(endpoint.Url), path), ct));
        return resource.WithHealthCheck(key);
    }
}
