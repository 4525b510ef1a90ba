using Zaili;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.Reporting, typeof(Program).Assembly);

var app = builder.Build();
app.UsePlatformService(ResourceNames.Reporting);
app.Run();

public partial class Program;
