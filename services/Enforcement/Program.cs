using Zaili;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.Enforcement, typeof(Program).Assembly);

var app = builder.Build();
app.UsePlatformService(ResourceNames.Enforcement);
app.Run();

public partial class Program;
