using Zaili.ServiceDefaults.Operations;
using MassTransit;
using Zaili.LegalEducation.Apis;
using Zaili.LegalEducation.Consumers;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.LegalEducation;

public static class LegalEducationExtensions
{
    /// <summary>What the dashboard's metrics view shows of this service's work.</summary>
    public static BusinessGauge[] Gauges { get; } =
    [
        new BusinessGauge("zaili.education.plan_tasks.overdue", "{task}", "Responsibility-list tasks past their due day and not done",
            "SELECT count(*) AS value FROM plan_tasks WHERE completed_on IS NULL AND due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date")
    ];

    public static void AddLegalEducationConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<EnforcementCaseClosedConsumer>();
        bus.AddConsumer<VillageDirectoryConsumer>();
    }

    public static WebApplication MapLegalEducationApis(this WebApplication app)
    {
        app.MapPlansAndActivitiesApi();
        app.MapExamsAndPositionsApi();
        return app;
    }
}
