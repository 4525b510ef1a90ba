using Zaili.ServiceDefaults.Operations;
using Zaili;
using Zaili.Governance;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.Governance, typeof(Program).Assembly, GovernanceExtensions.AddGovernanceConsumers);
builder.Services.AddBusinessGauges(GovernanceExtensions.Gauges);
// The validation generator only sees the endpoints of the project that calls AddValidation.
builder.Services.AddValidation();

var app = builder.Build();
app.UsePlatformService(ResourceNames.Governance);
app.MapGovernanceApis();
app.Run();

public partial class Program;
