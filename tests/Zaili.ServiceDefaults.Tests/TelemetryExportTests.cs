using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Zaili.ServiceDefaults;

namespace Zaili.ServiceDefaults.Tests;

/// <summary>
/// A process's last telemetry leaves as it stops, when the container is disposed. The default resilience
/// handler's pipelines were disposed before that flush, which then failed and was retried: a service took
/// 5.2 s to exit after SIGTERM instead of 0.1 s. So the exporters' clients go without it; the services' own keep it.
/// </summary>
public sealed class TelemetryExportTests
{
    [Theory]
    [InlineData("OtlpTraceExporter")]
    [InlineData("OtlpMetricExporter")]
    [InlineData("OtlpLogExporter")]
    public void The_telemetry_exporters_send_without_the_default_resilience_handler(string client) =>
        Assert.DoesNotContain(HandlersOf(client), handler => handler is ResilienceHandler);

    [Fact]
    public void Any_other_client_keeps_the_default_resilience_handler() =>
        Assert.Contains(HandlersOf("a-service-client"), handler => handler is ResilienceHandler);

    private static IList<DelegatingHandler> HandlersOf(string client)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.AddServiceDefaults();
        using var host = builder.Build();
        var handlers = host.Services.GetRequiredService<HttpMessageHandlerBuilder>();
        handlers.Name = client;
        foreach (var configure in host.Services.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(client).HttpMessageHandlerBuilderActions)
        {
            configure(handlers);
        }
        return handlers.AdditionalHandlers;
    }
}
