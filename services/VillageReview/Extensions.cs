using Zaili.ServiceDefaults.Operations;
using MassTransit;
using Zaili.VillageReview.Apis;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.VillageReview;

public static class VillageReviewExtensions
{
    /// <summary>What the dashboard's metrics view shows of this service's work.</summary>
    public static BusinessGauge[] Gauges { get; } =
    [
        new BusinessGauge("zaili.village_review.matters.awaiting_review", "{matter}", "Major matters waiting for their counsel's opinion",
            "SELECT count(*) AS value FROM matters WHERE status = 'AwaitingReview'")
    ];

    public static void AddVillageReviewConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<VillageDirectoryConsumer>();

    public static WebApplication MapVillageReviewApis(this WebApplication app)
    {
        app.MapCounselApi();
        app.MapMattersApi();
        return app;
    }
}
