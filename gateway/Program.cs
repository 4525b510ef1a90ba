using Zaili;
using Zaili.Gateway;
using Zaili.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authorization;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAuthentication();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = PlatformServiceExtensions.MaxRequestBodyBytes);
builder.AddGatewaySecurity();
builder.Services.AddAuthorizationBuilder().AddPolicy(GatewayRoutes.Administrators, policy => policy
    .AddAuthenticationSchemes(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme)
    .RequireRole(StaffRoles.Administrator));

var (routes, clusters) = GatewayRoutes.Build();
builder.Services.AddReverseProxy()
    .LoadFromMemory(routes, clusters)
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();
app.UseSecurityHeaders();
app.UsePlatformProblemDetails();
app.UseGatewayErrors();
app.UseInternalOnlyPaths();
// Before routing: the console's files are served as files, not by the fallback that answers its routes with index.html.
app.UseConsoleFiles();
app.UseRouting();
app.UseAuthentication();
// After authentication: a signed-in client is limited by who it is, anyone else by address.
app.UseRateLimiter();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapGet("/", () => TypedResults.Ok(new
{
    platform = "寨里镇法治政府建设平台 (Zaili.Platform)",
    services = ResourceNames.Services.Select(s => new { s.Service, s.RoutePrefix, openApi = $"/openapi/{s.Service}.json" }),
})).AllowAnonymous();
app.MapReverseProxy();
app.Run();
