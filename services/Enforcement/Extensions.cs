using Zaili.ServiceDefaults.Operations;
using MassTransit;
using Zaili.Enforcement.Apis;
using Zaili.Enforcement.Consumers;

namespace Zaili.Enforcement;

public static class EnforcementExtensions
{
    /// <summary>What the dashboard's metrics view shows of this service's work.</summary>
    public static BusinessGauge[] Gauges { get; } =
    [
        new BusinessGauge("zaili.enforcement.publications.due", "{decision}", "Decisions not yet published (公示); overdue after 7 working days",
            "SELECT (publish_due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date)::text AS overdue, count(*) AS value FROM cases WHERE decided_at IS NOT NULL AND published_at IS NULL GROUP BY 1")
    ];

    public static void AddEnforcementConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<ExamResultRecordedConsumer>();

    public static WebApplication MapEnforcementApis(this WebApplication app)
    {
        app.MapOfficersApi();
        app.MapCasesApi();
        app.MapDecisionsApi();
        app.MapOversightApi();
        return app;
    }
}
