using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zaili.ServiceDefaults.Http;

namespace Zaili.ServiceDefaults.Operations;

/// <summary>
/// Every log line written while a request is handled carries who asked (<c>user</c>, a pseudonymous
/// subject), which record it is about (<c>record.id</c>, the route's id) and the endpoint; the trace id
/// comes with OpenTelemetry. Never a name, identity number or phone number.
/// </summary>
public static class OperationLogScope
{
    public static WebApplication UseOperationLogScope(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Zaili.Operation");
        app.Use(async (context, next) =>
        {
            var scope = new Dictionary<string, object?>
            {
                ["user"] = Caller.Of(context).Subject,
                ["record.id"] = context.GetRouteValue("id")?.ToString(),
                ["endpoint"] = context.GetEndpoint()?.DisplayName,
            };
            using (logger.BeginScope(scope))
            {
                await next(context);
            }
        });
        return app;
    }
}
