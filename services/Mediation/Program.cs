using Zaili.ServiceDefaults.Operations;
using Zaili;
using Zaili.Mediation;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.Mediation, typeof(Program).Assembly, MediationExtensions.AddMediationConsumers);
builder.Services.AddBusinessGauges(MediationExtensions.Gauges);
// The validation generator only sees the endpoints of the project that calls AddValidation.
builder.Services.AddValidation();
builder.Services.AddMediationServices();

var app = builder.Build();
app.UsePlatformService(ResourceNames.Mediation);
app.MapMediationApis();
app.Run();

public partial class Program;
