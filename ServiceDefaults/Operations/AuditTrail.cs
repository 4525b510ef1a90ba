using System.Diagnostics;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;

namespace Zaili.ServiceDefaults.Operations;

/// <summary>
/// The audit log of a service: every change attempted through its API (any method but GET and HEAD) and
/// every refused access (401, 403), with who, what (endpoint and route), which record, the outcome, when,
/// from which address and the trace. Written before the response is finished, in the service's own
/// database, append-only (a trigger refuses edits); administrators read it at <c>{prefix}/audit</c>.
/// Request bodies are not recorded: they may carry identity and phone numbers.
/// </summary>
public static class AuditTrail
{
    private static readonly string[] RecordRouteValues = ["id", "code", "clientId", "reference", "planId"];

    public static WebApplication UseAuditTrail(this WebApplication app)
    {
        var writer = app.Services.GetRequiredService<AuditWriter>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            finally
            {
                if (IsAudited(context))
                {
                    await writer.AppendAsync(RowOf(context, time.GetUtcNow()));
                }
            }
        });
        return app;
    }

    private static bool IsAudited(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/ops"))
        {
            return false;
        }
        var status = context.Response.StatusCode;
        return status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
            || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
    }

    private static AuditRow RowOf(HttpContext context, DateTimeOffset at)
    {
        var caller = Caller.Of(context);
        // A failed request reaches here after the exception handler cleared the endpoint; the feature kept it.
        var failure = context.Features.Get<IExceptionHandlerFeature>();
        var endpoint = context.GetEndpoint() ?? failure?.Endpoint;
        var routeValues = context.Request.RouteValues.Count > 0 ? context.Request.RouteValues : failure?.RouteValues;
        return new AuditRow(
            At: at,
            Actor: caller.Subject,
            ActorName: caller.Name,
            Roles: caller.Roles.Order(StringComparer.Ordinal).ToArray(),
            Action: endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "(none)",
            Method: context.Request.Method,
            Route: (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)",
            Path: Truncate(context.Request.Path.Value ?? "", 500),
            RecordId: RecordIdOf(context, routeValues),
            Status: context.Response.StatusCode,
            ClientAddress: context.Connection.RemoteIpAddress?.ToString(),
            TraceId: Activity.Current?.TraceId.ToString());
    }

    /// <summary>The record acted on: the route's id, else the one a 201 points to.</summary>
    private static string? RecordIdOf(HttpContext context, RouteValueDictionary? routeValues)
    {
        foreach (var name in RecordRouteValues)
        {
            if (routeValues?.GetValueOrDefault(name)?.ToString() is { Length: > 0 } value)
            {
                return Truncate(value, 200);
            }
        }
        if (context.Response.StatusCode == StatusCodes.Status201Created && context.Response.Headers.Location.ToString() is { Length: > 0 } location)
        {
            var path = location.Split('?', 2)[0].TrimEnd('/');
            return Truncate(path[(path.LastIndexOf('/') + 1)..], 200);
        }
        return null;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    public sealed class AuditEntry
    {
        public long Id { get; init; }
        public DateTimeOffset At { get; init; }
        public string Actor { get; init; } = "";
        public string? ActorName { get; init; }
        public string[] Roles { get; init; } = [];
        public string Action { get; init; } = "";
        public string Method { get; init; } = "";
        public string Route { get; init; } = "";
        public string Path { get; init; } = "";
        public string? RecordId { get; init; }
        public int Status { get; init; }
        public string? ClientAddress { get; init; }
        public string? TraceId { get; init; }
    }

    /// <summary><c>GET {prefix}/audit</c>: newest first (page with <c>before</c>, the last id read), by actor, record, action and period; administrators only.</summary>
    public static void MapAuditEndpoint(this IEndpointRouteBuilder endpoints, string routePrefix) =>
        endpoints.MapGet(routePrefix + "/audit", QueryAsync).RequireStaff(StaffRoles.Administrator)
            .WithName("AuditLog").WithTags("Audit")
            .WithSummary("Who did what to which record, when and from where; newest first.");

    private static async Task<Ok<IReadOnlyList<AuditEntry>>> QueryAsync(
        NpgsqlDataSource db, CancellationToken cancellationToken,
        string? actor, string? recordId, string? action, DateTimeOffset? from, DateTimeOffset? to, long? before, int limit = 100)
    {
        Paging.Check(limit, 0);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var entries = await connection.QueryAsync<AuditEntry>(new CommandDefinition("""
            SELECT id, at, actor, actor_name, roles, action, method, route, path, record_id, status, client_address, trace_id
            FROM audit_log
            WHERE (@actor::text IS NULL OR actor = @actor) AND (@recordId::text IS NULL OR record_id = @recordId)
              AND (@action::text IS NULL OR action = @action)
              AND (@from::timestamptz IS NULL OR at >= @from) AND (@to::timestamptz IS NULL OR at < @to)
              AND (@before::bigint IS NULL OR id < @before)
            ORDER BY id DESC LIMIT @limit
            """, new { actor, recordId, action, from, to, before, limit }, cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<AuditEntry>>(entries.AsList());
    }
}
