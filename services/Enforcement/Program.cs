using Zaili.ServiceDefaults.Operations;
using Zaili;
using Zaili.Enforcement;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.Enforcement, typeof(Program).Assembly, EnforcementExtensions.AddEnforcementConsumers);
builder.Services.AddBusinessGauges(EnforcementExtensions.Gauges);
// The validation generator only sees the endpoints of the project that calls AddValidation.
builder.Services.AddValidation();

var app = builder.Build();
app.UsePlatformService(ResourceNames.Enforcement);
app.MapEnforcementApis();
app.Run();

public partial class Program;
