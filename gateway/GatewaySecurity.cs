using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Zaili.Gateway;

/// <summary>How many requests one client may send: a token bucket per client, refilled every second.</summary>
public sealed class RateLimitOptions
{
    /// <summary>A signed-in caller (by token subject): a person at the console or a district system.</summary>
    public int SignedInPerSecond { get; set; } = 100;
    public int SignedInBurst { get; set; } = 300;

    /// <summary>Anyone without a token (by address): the 公示 pages and OpenAPI documents.</summary>
    public int AnonymousPerSecond { get; set; } = 20;
    public int AnonymousBurst { get; set; } = 60;

    /// <summary>Password and token requests per address and minute: slows guessing beyond the account lockout.</summary>
    public int SignInPerMinute { get; set; } = 60;
}

/// <summary>
/// What the gateway does for every caller before a service sees the request: a rate limit per client
/// (429 with Retry-After), and security headers on every response. Request size limits and error pages
/// are in <see cref="GatewayErrors"/>.
/// </summary>
public static class GatewaySecurity
{
    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => PartitionFor(context, limits));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                var context = rejected.HttpContext;
                context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "请求过于频繁",
                        Detail = $"请在 {retryAfter} 秒后重试",
                        Type = "https://zaili.gov/problems/rate-limited",
                    },
                });
            };
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    private static RateLimitPartition<string> PartitionFor(HttpContext context, RateLimitOptions limits)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/alive"))
        {
            return RateLimitPartition.GetNoLimiter("probes");
        }
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (HttpMethods.IsPost(context.Request.Method) && (path.StartsWithSegments("/connect/token") || path.StartsWithSegments("/account/login")))
        {
            return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.SignInPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        }
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { } subject)
        {
            return RateLimitPartition.GetTokenBucketLimiter("client:" + subject, _ => Bucket(limits.SignedInPerSecond, limits.SignedInBurst));
        }
        return RateLimitPartition.GetTokenBucketLimiter("address:" + address, _ => Bucket(limits.AnonymousPerSecond, limits.AnonymousBurst));
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>
    /// Headers that make a browser refuse what the platform never does: framing, sniffing content types,
    /// leaking the address in the Referer, loading script from elsewhere. API answers are never cached.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy =
                    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                }
                if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/connect"))
                {
                    headers.CacheControl = "no-store";
                }
                headers.Remove("Server");
                headers.Remove("X-Powered-By");
                return Task.CompletedTask;
            });
            await next(context);
        });
}
