using Zaili.ServiceDefaults.Operations;
using MassTransit;
using Zaili.Governance.Apis;
using Zaili.Governance.Consumers;

namespace Zaili.Governance;

public static class GovernanceExtensions
{
    /// <summary>What the dashboard's metrics view shows of this service's work.</summary>
    public static BusinessGauge[] Gauges { get; } =
    [
        new BusinessGauge("zaili.governance.dispute_reports.waiting", "{report}", "Dispute reports that mediation has not yet taken up",
            "SELECT count(*) AS value FROM dispute_reports WHERE status = 'Reported'"),
        new BusinessGauge("zaili.governance.appeals.open", "{appeal}", "Appeals (群众诉求) not yet closed, by status",
            "SELECT status, count(*) AS value FROM appeals WHERE status IN ('Collected', 'Assigned') GROUP BY status")
    ];

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
