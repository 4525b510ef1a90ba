using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zaili.EndToEnd.Tests;
using Zaili.Testing;

[assembly: AssemblyFixture(typeof(PlatformFixture))]

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// The whole platform, started once for the test assembly from the real AppHost: local PostgreSQL and
/// RabbitMQ on scratch data, all services, the gateway. Tests talk HTTP to the gateway.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    public const string TownCode = "370302107000";

    private PlatformLock? _lock;
    private DistributedApplication? _app;
    private HttpClient? _gateway;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform is not started");
    public HttpClient Gateway => _gateway ?? throw new InvalidOperationException("The platform is not started");

    /// <summary>Everything the services export over OTLP (what the dashboard would show), for tests to search.</summary>
    public TelemetryCapture Telemetry { get; } = new();

    public async ValueTask InitializeAsync()
    {
        _lock = await PlatformLock.AcquireAsync(TimeSpan.FromMinutes(20), CancellationToken.None);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Zaili_AppHost>(
            // Webhook retries in milliseconds, so a delivery reaches the dead-letter list within the test.
            ["Zaili:ScratchData=true", "Zaili:Infrastructure=local", "Zaili:FreePorts=true",
             "Zaili:Webhooks:BaseDelay=00:00:00.200", "Zaili:Webhooks:MaxAttempts=4", "Zaili:Webhooks:PollInterval=00:00:00.200",
             // One redelivery after two seconds, so a poison message reaches _error within the test.
             "Zaili:Redelivery:Delay=00:00:02", "Zaili:Redelivery:Attempts=1",
             // A consume deadline short enough for the hung-consume test to wait out.
             "Zaili:Consume:Timeout=00:00:10",
             // Every test calls from 127.0.0.1: the per-address limits would make parallel tests refuse each other.
             // Per-subject limits stay as shipped; the rate-limit test runs on an account of its own.
             "Zaili:RateLimits:AnonymousPerSecond=10000", "Zaili:RateLimits:AnonymousBurst=10000", "Zaili:RateLimits:SignInPerMinute=10000",
             // The privacy test searches the spans of its own requests: with the tests running in parallel, the
             // shipped budget of two new traces a second per process would leave most of them unexported.
             "Zaili:Telemetry:TracesPerSecond=100000"],
            (options, _) => options.DisableDashboard = true);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "500")
                .WithEnvironment("OTEL_BLRP_SCHEDULE_DELAY", "500");
        }

        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        await PlatformStart.WaitForEveryProjectHealthyAsync(_app, timeout.Token);
        _gateway = _app.CreateHttpClient(ResourceNames.Gateway);
        _gateway.Timeout = TimeSpan.FromSeconds(30);
        // The tests act as the administrator unless they sign in as someone else; tokens last 30 minutes.
        await AdministratorSession.AuthorizeAsAdministratorAsync(_app, _gateway, timeout.Token);
        await ImportTownNetworkAsync(timeout.Token);
    }

    private Task ImportTownNetworkAsync(CancellationToken cancellationToken) => TownNetwork.ImportAsync(Gateway, TownCode, cancellationToken);

    /// <summary>The first administrator's password: the secret the AppHost generated for this (scratch) installation.</summary>
    public Task<string> AdministratorPasswordAsync() => AdministratorSession.AdministratorPasswordAsync(App);

    public async Task<string> ConnectionStringAsync(string resourceName) =>
        await App.GetConnectionStringAsync(resourceName) ?? throw new InvalidOperationException($"No connection string for {resourceName}");

    public async Task<string?> ExecuteCommandAsync(string resourceName, string command)
    {
        using var bounded = new CancellationTokenSource(ResourceCommands.Within);
        var result = await ResourceCommands.ExecuteAsync(App, resourceName, command, bounded.Token);
        Assert.True(result.Success, $"{command} on {resourceName}: {result.Message}");
        return result.Message;
    }

    public async ValueTask DisposeAsync()
    {
        _gateway?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await Telemetry.DisposeAsync();
        _lock?.Dispose();
    }
}
