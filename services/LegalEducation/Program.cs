using Zaili;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.LegalEducation, typeof(Program).Assembly);
// The validation generator only sees the endpoints of the project that calls AddValidation.
builder.Services.AddValidation();

var app = builder.Build();
app.UsePlatformService(ResourceNames.LegalEducation);
app.Run();

public partial class Program;
