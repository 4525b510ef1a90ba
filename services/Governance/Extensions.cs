using MassTransit;
using Zaili.Governance.Apis;
using Zaili.Governance.Consumers;

namespace Zaili.Governance;

public static class GovernanceExtensions
{
    public static void AddGovernanceConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<MediationCaseOpenedConsumer>();
        bus.AddConsumer<DisputeResolvedConsumer>();
        bus.AddConsumer<DisputeEscalatedConsumer>();
        bus.AddConsumer<DisputeReferredOutConsumer>();
    }

    public static WebApplication MapGovernanceApis(this WebApplication app)
    {
        app.MapVillagesApi();
        app.MapDisputeReportsApi();
        app.MapHouseholdsApi();
        app.MapGroupsApi();
        app.MapWarningsAndAppealsApi();
        app.MapFiguresApi();
        return app;
    }
}
