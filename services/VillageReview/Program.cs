using Zaili.ServiceDefaults.Operations;
using Zaili;
using Zaili.VillageReview;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.VillageReview, typeof(Program).Assembly, VillageReviewExtensions.AddVillageReviewConsumers);
builder.Services.AddBusinessGauges(VillageReviewExtensions.Gauges);
// The validation generator only sees the endpoints of the project that calls AddValidation.
builder.Services.AddValidation();

var app = builder.Build();
app.UsePlatformService(ResourceNames.VillageReview);
app.MapVillageReviewApis();
app.Run();

public partial class Program;
