using Zaili.ServiceDefaults.Operations;
using Zaili;
using Zaili.Reporting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.Reporting, typeof(Program).Assembly, ReportingExtensions.AddReportingConsumers);
builder.AddReporting();
builder.Services.AddBusinessGauges(ReportingExtensions.Gauges);
// The validation generator only sees the endpoints of the project that calls AddValidation.
builder.Services.AddValidation();

var app = builder.Build();
app.UsePlatformService(ResourceNames.Reporting);
app.MapReportingApis();
app.Run();

public partial class Program;
