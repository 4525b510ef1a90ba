using Zaili.ServiceDefaults.Operations;
using MassTransit;
using Zaili.Mediation.Apis;
using Zaili.Mediation.Consumers;

namespace Zaili.Mediation;

public static class MediationExtensions
{
    /// <summary>What the dashboard's metrics view shows of this service's work.</summary>
    public static BusinessGauge[] Gauges { get; } =
    [
        new BusinessGauge("zaili.mediation.cases.open", "{case}", "Open mediation cases by level of the network",
            "SELECT level, count(*) AS value FROM dispute_cases WHERE status = 'Open' GROUP BY level"),
        new BusinessGauge("zaili.mediation.cases.overdue", "{case}", "Cases open for more than 30 days (一般在一个月内调结), by level",
            "SELECT level, count(*) AS value FROM dispute_cases WHERE status = 'Open' AND opened_at < now() - interval '30 days' GROUP BY level")
    ];

    public static void AddMediationConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<DisputeReportedConsumer>();
        bus.AddConsumer<DisputeReferredByDistrictConsumer>();
    }

    public static IServiceCollection AddMediationServices(this IServiceCollection services) =>
        services.AddSingleton<CaseWork>();

    public static WebApplication MapMediationApis(this WebApplication app)
    {
        app.MapNetworkApi();
        app.MapCasesApi();
        app.MapMediatorsApi();
        app.MapStatisticsApi();
        return app;
    }
}
