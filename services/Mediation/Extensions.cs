using MassTransit;
using Zaili.Mediation.Apis;
using Zaili.Mediation.Consumers;

namespace Zaili.Mediation;

public static class MediationExtensions
{
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
