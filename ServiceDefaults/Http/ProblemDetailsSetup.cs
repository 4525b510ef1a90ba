using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Zaili.SharedKernel;

namespace Zaili.ServiceDefaults.Http;

/// <summary>
/// One mapping from failures to RFC 9457 ProblemDetails for every service: malformed requests 400,
/// missing records 404, illegal transitions and conflicts 409, oversized bodies 413, broken domain
/// rules 422. Anything else is a 500 without internal detail (and is a bug to fix).
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<PlatformExceptionHandler>();
        return services;
    }

    /// <summary>Exception handling and status pages, so every error a client sees is ProblemDetails.</summary>
    public static WebApplication UsePlatformProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

internal sealed class PlatformExceptionHandler(IProblemDetailsService problemDetails, ILogger<PlatformExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "请求体过大" : "请求格式错误",
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "请求体超过允许的大小" : bad.Message,
                Type = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "https://zaili.gov/problems/payload-too-large" : "https://zaili.gov/problems/malformed-request",
            },
            RecordNotFoundException notFound => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "记录不存在",
                Detail = notFound.Message,
                Type = "https://zaili.gov/problems/not-found",
            },
            InvalidTransitionException transition => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "当前状态不允许此操作",
                Detail = transition.Message,
                Type = "https://zaili.gov/problems/invalid-transition",
                Extensions =
                {
                    ["currentState"] = transition.CurrentState,
                    ["attempted"] = transition.Attempted,
                    ["allowedTransitions"] = transition.Allowed,
                },
            },
            DomainRuleException rule => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "不符合业务规则",
                Detail = rule.Message,
                Type = "https://zaili.gov/problems/" + (rule.Code ?? "domain-rule"),
            },
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "记录已存在",
                Detail = "同一记录已经存在",
                Type = "https://zaili.gov/problems/duplicate",
            },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "服务器内部错误",
                Type = "https://zaili.gov/problems/internal",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
