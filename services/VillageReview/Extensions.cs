using MassTransit;
using Zaili.VillageReview.Apis;
using Zaili.VillageReview.Consumers;

namespace Zaili.VillageReview;

public static class VillageReviewExtensions
{
    public static void AddVillageReviewConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<VillageRegisteredConsumer>();

    public static WebApplication MapVillageReviewApis(this WebApplication app)
    {
        app.MapCounselApi();
        app.MapMattersApi();
        return app;
    }
}
