using Zaili;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService(ResourceNames.LegalEducation, typeof(Program).Assembly);

var app = builder.Build();
app.UsePlatformService(ResourceNames.LegalEducation);
app.Run();

public partial class Program;
