using MassTransit;
using Zaili.LegalEducation.Apis;
using Zaili.LegalEducation.Consumers;

namespace Zaili.LegalEducation;

public static class LegalEducationExtensions
{
    public static void AddLegalEducationConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<EnforcementCaseClosedConsumer>();
        bus.AddConsumer<VillageRegisteredConsumer>();
    }

    public static WebApplication MapLegalEducationApis(this WebApplication app)
    {
        app.MapPlansAndActivitiesApi();
        app.MapExamsAndPositionsApi();
        return app;
    }
}
