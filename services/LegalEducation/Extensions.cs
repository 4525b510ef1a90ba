using MassTransit;
using Zaili.LegalEducation.Apis;
using Zaili.LegalEducation.Consumers;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.LegalEducation;

public static class LegalEducationExtensions
{
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
