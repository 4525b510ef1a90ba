using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Zaili.ServiceDefaults;
using Zaili.ServiceDefaults.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every process of the platform (services and gateway) shares: telemetry, health, service
/// discovery, resilient HTTP clients, ProblemDetails errors and quiet default log levels.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string LivenessTag = "live";
    public const string ReadinessTag = "ready";

    /// <summary>New traces a second one process exports unless <c>Telemetry:TracesPerSecond</c> says otherwise (ADR 0009).</summary>
    public const double DefaultTracesPerSecond = 2;

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureQuietLogging();
        builder.ConfigureOpenTelemetry();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LivenessTag]);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        // Except the telemetry exporters' clients. The container disposes the standard handler's pipelines before
        // the exporters' last flush at exit; that flush then failed and was retried (in memory, as Aspire configures
        // the exporters) until it gave up: a service took 5.2 s to exit after SIGTERM instead of 0.1 s, and its last
        // logs were lost. The exporters have their own timeout and retry.
        foreach (var exporterClient in new[] { "OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter" })
        {
            builder.Services.AddHttpClientWithoutResilience(exporterClient);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPlatformProblemDetails();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The gateway is the only caller that reaches services; it runs on this host's loopback.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        return builder;
    }

    /// <summary>A named client without the default resilience handler, for callers that retry (or must not) in their own way.</summary>
    public static IHttpClientBuilder AddHttpClientWithoutResilience(this IServiceCollection services, string name)
    {
#pragma warning disable EXTEXP0001 // The only way to take the default resilience handler off one client.
        return services.AddHttpClient(name).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    /// <summary>
    /// Per-request and per-command Information logs wrote gigabytes under load and flood the dashboard:
    /// those categories default to Warning unless configuration says otherwise.
    /// </summary>
    private static void ConfigureQuietLogging(this IHostApplicationBuilder builder)
    {
        string[] noisy =
        [
            "Microsoft.AspNetCore", "Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Routing",
            "Npgsql", "Npgsql.Command", "Microsoft.EntityFrameworkCore.Database.Command", "System.Net.Http.HttpClient",
            "Polly", "Yarp", "MassTransit",
        ];
        foreach (var category in noisy)
        {
            if (builder.Configuration[$"Logging:LogLevel:{category}"] is null)
            {
                builder.Logging.AddFilter(category, LogLevel.Warning);
            }
        }
    }

    private static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "Npgsql", PlatformTelemetry.MeterName))
            .WithTracing(tracing => tracing
                .SetSampler(BackgroundNoiseSampler.Create(
                    builder.Configuration.GetValue("Telemetry:TraceSampleRatio", 1.0),
                    new TraceBudget(builder.Configuration.GetValue("Telemetry:TracesPerSecond", DefaultTracesPerSecond), TimeProvider.System)))
                // Before the exporter's processor, which looks at the Recorded flag this one may set.
                .AddProcessor(new FailedSpanKeeper())
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit", "Npgsql", PlatformTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
    }

    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");

    /// <summary>
    /// <c>/health</c>: everything the process needs (database, broker); <c>/alive</c>: the process itself.
    /// Both are anonymous and answer with the status of each check, never with exception detail.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Probes from the orchestrator carry no token.
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LivenessTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }
}
