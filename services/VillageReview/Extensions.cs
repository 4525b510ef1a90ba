using MassTransit;
using Zaili.VillageReview.Apis;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.VillageReview;

public static class VillageReviewExtensions
{
    public static void AddVillageReviewConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<VillageDirectoryConsumer>();

    public static WebApplication MapVillageReviewApis(this WebApplication app)
    {
        app.MapCounselApi();
        app.MapMattersApi();
        return app;
    }
}
