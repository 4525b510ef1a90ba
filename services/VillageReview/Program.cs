using Zaili;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.VillageReview, typeof(Program).Assembly);

var app = builder.Build();
app.UsePlatformService(ResourceNames.VillageReview);
app.Run();

public partial class Program;
