using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zaili.Reliability.Tests;
using Zaili.Testing;

[assembly: AssemblyFixture(typeof(ReplicatedPlatform))]

namespace Zaili.Reliability.Tests;

/// <summary>
/// The whole platform from the real AppHost with two replicas of every domain service, on scratch data:
/// replicas compete for each queue and each outbox, which is what the fault suite must prove harmless.
/// </summary>
public sealed class ReplicatedPlatform : IAsyncLifetime
{
    public const int Replicas = 2;
    public const string TownCode = "370302108000";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ResourceEvent> _instances = new();
    private PlatformLock? _lock;
    private DistributedApplication? _app;
    private HttpClient? _gateway;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform is not started");
    public HttpClient Gateway => _gateway ?? throw new InvalidOperationException("The platform is not started");

    public async ValueTask InitializeAsync()
    {
        _lock = await PlatformLock.AcquireAsync(TimeSpan.FromMinutes(20), CancellationToken.None);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Zaili_AppHost>(
            ["Zaili:ScratchData=true", "Zaili:Infrastructure=local", "Zaili:FreePorts=true", $"Zaili:Replicas={Replicas}",
             // Two redeliveries three seconds apart: the poison message takes both before it reaches _error.
             "Zaili:Redelivery:Delay=00:00:03", "Zaili:Redelivery:Attempts=2",
             // The suite measures delivery under faults, not the gateway's limits.
             "Zaili:RateLimits:SignedInPerSecond=100000", "Zaili:RateLimits:SignedInBurst=100000"],
            (options, _) => options.DisableDashboard = true);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        // Without the dashboard nothing receives telemetry: no exporter, rather than one that retries into nothing
        // (and holds a stopping process up to its export timeout).
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        }

        _app = await builder.BuildAsync();
        _ = RecordInstancesAsync(_app);
        using var timeout = new CancellationTokenSource(StartTimeout);
        timeout.Token.Register(() => Console.WriteLine("Instances at the start timeout: " + string.Join(", ", _instances.Keys.Select(i => $"{i}: {StateOf(i)}"))));
        await _app.StartAsync(timeout.Token);
        await PlatformStart.WaitForEveryProjectHealthyAsync(_app, timeout.Token);
        foreach (var (service, _) in ResourceNames.Services)
        {
            var instances = InstancesOf(service);
            Assert.Equal(Replicas, instances.Count);
            foreach (var instance in instances)
            {
                // A replica that exits while starting will not become healthy: say which, at once.
                await WaitForAsync(instance, "healthy", snapshot => HasEnded(snapshot)
                    ? throw new InvalidOperationException($"{instance} stopped while the platform started: {snapshot.State?.Text} (exit code {snapshot.ExitCode})")
                    : IsHealthy(snapshot),
                    StartTimeout, timeout.Token);
            }
        }
        _gateway = _app.CreateHttpClient(ResourceNames.Gateway);
        _gateway.Timeout = TimeSpan.FromSeconds(30);
        await AdministratorSession.AuthorizeAsAdministratorAsync(_app, _gateway, timeout.Token);
    }

    /// <summary>The names DCP gave the replicas of a resource (<c>mediation-abcd1234</c>, …), from its notifications.</summary>
    public IReadOnlyList<string> InstancesOf(string resourceName) =>
        _instances.Where(i => i.Value.Resource.Name == resourceName).Select(i => i.Key).Order(StringComparer.Ordinal).ToList();

    private async Task RecordInstancesAsync(DistributedApplication app)
    {
        try
        {
            await foreach (var notification in app.ResourceNotifications.WatchAsync(app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping))
            {
                _instances[notification.ResourceId] = notification;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The operating-system process of a resource instance, as DCP reports it.</summary>
    public int ProcessIdOf(string instanceName)
    {
        if (!_instances.TryGetValue(instanceName, out var current))
        {
            throw new InvalidOperationException($"No state for {instanceName}");
        }
        var pid = Convert.ToInt32(current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value, System.Globalization.CultureInfo.InvariantCulture);
        // No process id reads as 0, and a signal to 0 goes to the test's own process group: refuse rather than freeze the run.
        if (pid <= 1)
        {
            throw new InvalidOperationException($"{instanceName} has no process id ({StateOf(instanceName)})");
        }
        return pid;
    }

    /// <summary>One replica's own health: the parent resource's readiness says nothing about each instance.</summary>
    public Task WaitUntilHealthyAsync(string instance, TimeSpan within, CancellationToken cancellationToken) =>
        WaitForAsync(instance, "healthy", IsHealthy, within, cancellationToken);

    /// <summary>Until the instance's process has ended, whether it exited by itself, was killed or never started.</summary>
    public Task WaitUntilExitedAsync(string instance, TimeSpan within, CancellationToken cancellationToken) =>
        WaitForAsync(instance, "exited", HasEnded, within, cancellationToken);

    private static bool IsHealthy(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;

    private static bool HasEnded(CustomResourceSnapshot snapshot) => snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart";

    /// <summary>
    /// Waits on the last state seen of one instance (a replica, or a resource without replicas). Every wait has a
    /// deadline: one that never ends would hold the whole test run, and the failure must say what was awaited.
    /// </summary>
    public async Task WaitForAsync(string instance, string awaited, Func<CustomResourceSnapshot, bool> condition, TimeSpan within, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(_instances.TryGetValue(instance, out var last) && condition(last.Snapshot)))
        {
            if (waited.Elapsed > within)
            {
                throw new TimeoutException($"{instance} not {awaited} after {within.TotalSeconds:0} s: it is {StateOf(instance)}. " +
                    "All instances: " + string.Join(", ", _instances.Keys.Order(StringComparer.Ordinal).Select(i => $"{i}: {StateOf(i)}")));
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>The exit code of an instance's last process, once it exited.</summary>
    public int? ExitCodeOf(string instance) => _instances.TryGetValue(instance, out var last) ? last.Snapshot.ExitCode : null;

    public string StateOf(string instance) =>
        _instances.TryGetValue(instance, out var last) ? $"{last.Snapshot.State?.Text} / {last.Snapshot.HealthStatus}" : "unknown";

    public async Task<string> ConnectionStringAsync(string resourceName) =>
        await App.GetConnectionStringAsync(resourceName) ?? throw new InvalidOperationException($"No connection string for {resourceName}");

    /// <summary>An operator's command; the orchestrator's stop or start that never completes fails the suite instead of holding it.</summary>
    public async Task ExecuteCommandAsync(string resourceName, string command)
    {
        using var bounded = new CancellationTokenSource(ResourceCommands.Within);
        var result = await ResourceCommands.ExecuteAsync(App, resourceName, command, bounded.Token);
        Assert.True(result.Success, $"{command} on {resourceName}: {result.Message} ({StateOf(resourceName)})");
    }

    public Task ImportTownNetworkAsync(CancellationToken cancellationToken) => TownNetwork.ImportAsync(Gateway, TownCode, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _gateway?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _lock?.Dispose();
    }
}
