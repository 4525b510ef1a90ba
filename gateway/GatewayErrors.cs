using Microsoft.AspNetCore.Mvc;
using Yarp.ReverseProxy.Forwarder;

namespace Zaili.Gateway;

/// <summary>
/// Errors the gateway itself produces are ProblemDetails like the services' own: an unknown route
/// (404), a body over the limit (413), a service that is down or too slow (502/504). No internal
/// detail leaves the gateway.
/// </summary>
public static class GatewayErrors
{
    /// <summary>
    /// A service's published history is read inside the platform (reporting's rebuild), never from outside:
    /// the gateway answers 404 as for any path it does not know.
    /// </summary>
    public static IApplicationBuilder UseInternalOnlyPaths(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Value?.EndsWith("/published-events", StringComparison.OrdinalIgnoreCase) == true)
            {
                await WriteAsync(context, StatusCodes.Status404NotFound, "资源不存在", "没有这个地址");
                return;
            }
            await next(context);
        });

    public static IApplicationBuilder UseGatewayErrors(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > PlatformServiceExtensions.MaxRequestBodyBytes)
            {
                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "请求体过大",
                    $"请求体不能超过 {PlatformServiceExtensions.MaxRequestBodyBytes / 1024} KB");
                return;
            }
            await next(context);
            var error = context.Features.Get<IForwarderErrorFeature>();
            if (error is null || context.Response.HasStarted)
            {
                return;
            }
            var (status, title) = error.Error switch
            {
                ForwarderError.RequestBodyClient when IsBodyTooLarge(error.Exception)
                    => (StatusCodes.Status413PayloadTooLarge, "请求体过大"),
                ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "服务响应超时"),
                ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled => (StatusCodes.Status400BadRequest, "请求已取消"),
                ForwarderError.RequestBodyClient => (StatusCodes.Status400BadRequest, "请求体读取失败"),
                _ => (StatusCodes.Status502BadGateway, "服务暂时不可用"),
            };
            await WriteAsync(context, status, title, null);
        });

    private static bool IsBodyTooLarge(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }
        return false;
    }

    private static async Task WriteAsync(HttpContext context, int status, string title, string? detail)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        var problemDetails = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
