using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Zaili.AppHost;

/// <summary>
/// Logs when each resource was asked to start and when it became healthy, in seconds since the AppHost
/// process started: the start time is one figure, and this says where it went (the benchmark and an
/// operator read the same lines). When the last one is healthy, <c>whenAllHealthy</c> runs once.
/// </summary>
internal static class StartTimeline
{
    public static void LogEveryResource(IDistributedApplicationBuilder builder, Action<ILogger, double> whenAllHealthy)
    {
        var started = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
        double Elapsed() => (DateTime.UtcNow - started).TotalSeconds;
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            Logger(start.Services).LogInformation("Start timeline: the application model is built at {Seconds:0.0} s", Elapsed());
            return Task.CompletedTask;
        });
        // Parameters never run, and neither do resources started only on request (such as the hidden rebuilder
        // behind each project's Rebuild command).
        var resources = builder.Resources
            .Where(r => r is not ParameterResource && !r.HasAnnotationOfType<ExplicitStartupAnnotation>())
            .ToList();
        var notYetHealthy = resources.Select(r => r.Name).ToHashSet();
        foreach (var resource in resources)
        {
            builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, (starting, _) =>
            {
                Logger(starting.Services).LogInformation("Start timeline: {Resource} starting at {Seconds:0.0} s", resource.Name, Elapsed());
                return Task.CompletedTask;
            });
            builder.Eventing.Subscribe<ResourceReadyEvent>(resource, (ready, _) =>
            {
                var seconds = Elapsed();
                Logger(ready.Services).LogInformation("Start timeline: {Resource} healthy at {Seconds:0.0} s", resource.Name, seconds);
                bool lastOne;
                // Ready events of different resources arrive on different threads; a resource made ready again
                // after a restart is no longer in the set and changes nothing.
                lock (notYetHealthy)
                {
                    lastOne = notYetHealthy.Remove(resource.Name) && notYetHealthy.Count == 0;
                }
                if (lastOne)
                {
                    whenAllHealthy(ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Zaili.AppHost"), seconds);
                }
                return Task.CompletedTask;
            });
        }
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Zaili.AppHost.StartTimeline");
}
