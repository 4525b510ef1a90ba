using Zaili.ServiceDefaults.Operations;
using MassTransit;
using Microsoft.AspNetCore.Authentication;
using Zaili.Reporting.Apis;
using Zaili.Reporting.Consumers;
using Zaili.Reporting.Data;
using Zaili.Reporting.District;
using Zaili.Reporting.Domain;

namespace Zaili.Reporting;

public static class ReportingExtensions
{
    /// <summary>What the dashboard's metrics view shows of this service's work.</summary>
    public static BusinessGauge[] Gauges { get; } =
    [
        new BusinessGauge("zaili.reporting.webhooks.deliveries", "{delivery}", "Webhook deliveries waiting (Pending) or given up (Dead)",
            "SELECT status, count(*) AS value FROM webhook_deliveries WHERE status IN ('Pending', 'Dead') GROUP BY status"),
        new BusinessGauge("zaili.reporting.feed.position", "{event}", "The district feed's last position",
            "SELECT COALESCE(max(position), 0) AS value FROM event_log")
    ];

    public const string EventsQueue = "reporting-events";

    /// <summary>One queue for every event of the platform: the read model and the feed see them all.</summary>
    public static void AddReportingConsumers(IBusRegistrationConfigurator bus)
    {
        foreach (var eventType in EventCatalog.Types.Values)
        {
            bus.AddConsumer(typeof(ReportingConsumer<>).MakeGenericType(eventType)).Endpoint(endpoint => endpoint.Name = EventsQueue);
        }
    }

    public static IHostApplicationBuilder AddReporting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReadModelRebuilder>();
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks");
        builder.Services.AddHostedService<WebhookDispatcher>();
        builder.Services.AddSingleton<FeedSequencer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<FeedSequencer>());
        // Webhooks go to district URLs: no service discovery, and no retries but the dispatcher's own.
        builder.Services.AddHttpClientWithoutResilience(WebhookDispatcher.HttpClientName);
        return builder;
    }

    public static WebApplication MapReportingApis(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapFiguresApi();
        app.MapAnnualReportsApi();
        app.MapDistrictApi();
        return app;
    }
}
