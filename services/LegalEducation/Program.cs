using Zaili.ServiceDefaults.Operations;
using Zaili;
using Zaili.LegalEducation;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.LegalEducation, typeof(Program).Assembly, LegalEducationExtensions.AddLegalEducationConsumers);
builder.Services.AddBusinessGauges(LegalEducationExtensions.Gauges);
// The validation generator only sees the endpoints of the project that calls AddValidation.
builder.Services.AddValidation();

var app = builder.Build();
app.UsePlatformService(ResourceNames.LegalEducation);
app.MapLegalEducationApis();
app.Run();

public partial class Program;
