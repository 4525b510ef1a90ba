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
        // Endpoints built at start throw on a value they cannot bind (a body that is not JSON, a bad query value),
        // so the exception handler says where; left to the framework they would throw in Development only.
        // Endpoints generated at compile time still answer a bad route or query value with a bare 400: the
        // writer below names that parameter from the endpoint's metadata (UnboundParameters).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            if (context.ProblemDetails.Status == StatusCodes.Status400BadRequest && context.ProblemDetails.Detail is null
                && context.Exception is null && UnboundParameters.FirstUnparsable(context.HttpContext) is { } unbound)
            {
                context.ProblemDetails.Type = "https://zaili.gov/problems/malformed-request";
                context.ProblemDetails.Title = "请求格式错误";
                context.ProblemDetails.Detail = PlatformExceptionHandler.ValueInvalid(unbound);
            }
            if (context.ProblemDetails is HttpValidationProblemDetails validation)
            {
                context.ProblemDetails.Title = "请求数据未通过校验";
                context.ProblemDetails.Type = "https://zaili.gov/problems/validation";
                foreach (var field in validation.Errors.Keys.ToList())
                {
                    validation.Errors[field] = [.. validation.Errors[field].Select(message => Zaili.SharedKernel.FieldNames.InChinese(field, message))];
                }
            }
            if (context.ProblemDetails.Status is { } status && ChineseTitles.TryGetValue(status, out var title)
                && (context.ProblemDetails.Title is null || context.ProblemDetails.Title == ReasonPhrase(status)))
            {
                context.ProblemDetails.Title = title;
            }
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<PlatformExceptionHandler>();
        return services;
    }

    /// <summary>Staff read these titles: the framework's English reason phrases become Chinese.</summary>
    private static readonly Dictionary<int, string> ChineseTitles = new()
    {
        [StatusCodes.Status400BadRequest] = "请求有误",
        [StatusCodes.Status401Unauthorized] = "未登录或登录已失效",
        [StatusCodes.Status403Forbidden] = "无权执行此操作",
        [StatusCodes.Status404NotFound] = "资源不存在",
        [StatusCodes.Status405MethodNotAllowed] = "不支持此请求方法",
        [StatusCodes.Status409Conflict] = "与当前状态冲突",
        [StatusCodes.Status413PayloadTooLarge] = "请求体过大",
        [StatusCodes.Status415UnsupportedMediaType] = "不支持的内容类型，请使用 application/json",
        [StatusCodes.Status422UnprocessableEntity] = "不符合业务规则",
        [StatusCodes.Status429TooManyRequests] = "请求过于频繁",
        [StatusCodes.Status502BadGateway] = "服务暂时不可用",
        [StatusCodes.Status503ServiceUnavailable] = "服务暂时不可用",
        [StatusCodes.Status504GatewayTimeout] = "服务响应超时",
    };

    private static string? ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) switch
    {
        "" => null,
        var phrase => phrase,
    };

    /// <summary>Exception handling and status pages, so every error a client sees is ProblemDetails.</summary>
    public static WebApplication UsePlatformProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

internal sealed partial class PlatformExceptionHandler(IProblemDetailsService problemDetails, ILogger<PlatformExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "请求体过大",
                    StatusCodes.Status415UnsupportedMediaType => "不支持的内容类型",
                    _ => "请求格式错误",
                },
                Detail = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "请求体超过允许的大小",
                    StatusCodes.Status415UnsupportedMediaType => bad.Message,
                    _ => DescribeMalformed(bad),
                },
                Type = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "https://zaili.gov/problems/payload-too-large" : "https://zaili.gov/problems/malformed-request",
            },
            RecordNotFoundException notFound => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "记录不存在",
                Detail = notFound.Message,
                Type = "https://zaili.gov/problems/not-found",
            },
            AccessDeniedException denied => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "无权执行此操作",
                Detail = denied.Message,
                Type = "https://zaili.gov/problems/outside-your-scope",
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
            ConflictException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "与已有记录冲突",
                Detail = conflict.Message,
                Type = "https://zaili.gov/problems/" + conflict.Code,
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
            // The database restarting or unreachable: nothing was written, and the same request will work again.
            NpgsqlException { IsTransient: true } => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "服务暂时不可用",
                Detail = "数据库暂时无法访问，本次请求未保存，请稍后重试",
                Type = "https://zaili.gov/problems/database-unavailable",
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
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // The server went away (a restart, a failover): the pool's idle connections are dead too. Without this
            // each of them would fail one more request after the database is back.
            NpgsqlConnection.ClearAllPools();
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            logger.LogWarning("Database unavailable for {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }
        if (problem.Status == StatusCodes.Status400BadRequest && exception is BadHttpRequestException)
        {
            // Nothing the client sent was applied; the reason is in the detail.
            logger.LogInformation("Rejected malformed request to {Path}: {Reason}", httpContext.Request.Path, problem.Detail);
        }
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private const string RetryAfterSeconds = "5";

    /// <summary>Names where the JSON broke (its path) without echoing what was sent.</summary>
    private static string DescribeMalformed(BadHttpRequestException exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Text.Json.JsonException { Path: { } path })
            {
                return $"请求体不是有效的 JSON，或字段类型、取值不符合要求（位置：{path}）";
            }
        }
        // "Failed to bind parameter "Nullable<CaseOrder> sort" from "x"." names a query or route value staff can fix.
        if (BindFailure().Match(exception.Message) is { Success: true } failed)
        {
            return ValueInvalid(failed.Groups["name"].Value);
        }
        return "请求格式错误：" + exception.Message;
    }

    public static string ValueInvalid(string parameter) =>
        $"参数 {Zaili.SharedKernel.FieldNames.ChineseOf(parameter) ?? parameter}（{parameter}）的取值无效";

    [System.Text.RegularExpressions.GeneratedRegex("""^Failed to bind parameter "[^"]* (?<name>\w+)" from""")]
    private static partial System.Text.RegularExpressions.Regex BindFailure();
}
