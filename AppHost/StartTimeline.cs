using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Zaili.AppHost;

/// <summary>
/// Logs when each resource was asked to start and when it became healthy, in seconds since the AppHost
/// process started: the start time is one figure, and this says where it went (the benchmark and an
/// operator read the same lines).
/// </summary>
internal static class StartTimeline
{
    public static void LogEveryResource(IDistributedApplicationBuilder builder)
    {
        var started = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
        double Elapsed() => (DateTime.UtcNow - started).TotalSeconds;
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            Logger(start.Services).LogInformation("Start timeline: the application model is built at {Seconds:0.0} s", Elapsed());
            return Task.CompletedTask;
        });
        foreach (var resource in builder.Resources.Where(r => r is not ParameterResource))
        {
            builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, (starting, _) =>
            {
                Logger(starting.Services).LogInformation("Start timeline: {Resource} starting at {Seconds:0.0} s", resource.Name, Elapsed());
                return Task.CompletedTask;
            });
            builder.Eventing.Subscribe<ResourceReadyEvent>(resource, (ready, _) =>
            {
                Logger(ready.Services).LogInformation("Start timeline: {Resource} healthy at {Seconds:0.0} s", resource.Name, Elapsed());
                return Task.CompletedTask;
            });
        }
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Zaili.AppHost.StartTimeline");
}
