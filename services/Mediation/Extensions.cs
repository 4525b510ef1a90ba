using MassTransit;
using Zaili.Mediation.Apis;
using Zaili.Mediation.Consumers;

namespace Zaili.Mediation;

public static class MediationExtensions
{
    public static void AddMediationConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<DisputeReportedConsumer>();

    public static WebApplication MapMediationApis(this WebApplication app)
    {
        app.MapNetworkApi();
        app.MapCasesApi();
        return app;
    }
}
