using MassTransit;
using Zaili.Enforcement.Apis;
using Zaili.Enforcement.Consumers;

namespace Zaili.Enforcement;

public static class EnforcementExtensions
{
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
