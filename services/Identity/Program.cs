using Zaili;
using Zaili.Identity;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.Identity, typeof(Program).Assembly);
// The validation generator only sees the endpoints of the project that calls AddValidation.
builder.Services.AddValidation();
builder.AddIdentityServices();

var app = builder.Build();
app.UsePlatformService(ResourceNames.Identity);
app.UseAntiforgery();
app.MapIdentityApis();
app.Run();

public partial class Program;
