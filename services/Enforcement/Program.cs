using Zaili;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.Enforcement, typeof(Program).Assembly);
// The validation generator only sees the endpoints of the project that calls AddValidation.
builder.Services.AddValidation();

var app = builder.Build();
app.UsePlatformService(ResourceNames.Enforcement);
app.Run();

public partial class Program;
