using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;

namespace Zaili.Reporting.District;

/// <summary>
/// District systems call the district interface with an access token from the identity service (client
/// credentials): role DistrictSystem and the division they were registered for. Reporting records each
/// client it sees (for its webhooks and referrals) and refuses one the identity service has revoked, even
/// while its last token is still valid.
/// </summary>
public static class DistrictAccess
{
    public static readonly AuthorizationPolicy Policy = new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
        .RequireAuthenticatedUser()
        .RequireRole(StaffRoles.DistrictSystem)
        .RequireClaim(Caller.DivisionClaim)
        .Build();

    public static RouteGroupBuilder RequireDistrictSystem(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(Policy);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var client = DistrictClient.Of(http.User);
            var db = http.RequestServices.GetRequiredService<NpgsqlDataSource>();
            await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
            // Written only when the client is new or its name or scope changed: a feed poll reads, it does not write.
            var revokedAt = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
                """
                WITH known AS (SELECT revoked_at, name, scope_code FROM district_clients WHERE id = @Id),
                written AS (
                    INSERT INTO district_clients (id, name, scope_code, created_at)
                    SELECT @Id, @name, @ScopeCode, now()
                    WHERE NOT EXISTS (SELECT 1 FROM known WHERE revoked_at IS NOT NULL OR (name = @name AND scope_code = @ScopeCode))
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                        scope_code = CASE WHEN district_clients.revoked_at IS NULL THEN excluded.scope_code ELSE district_clients.scope_code END
                    RETURNING revoked_at)
                SELECT revoked_at FROM written
                UNION ALL SELECT revoked_at FROM known WHERE NOT EXISTS (SELECT 1 FROM written)
                LIMIT 1
                """, new { client.Id, name = http.User.FindFirstValue(Caller.NameClaim) ?? client.Id, client.ScopeCode }, cancellationToken: http.RequestAborted));
            if (revokedAt is not null)
            {
                throw new AccessDeniedException("该区级系统的客户端凭据已被吊销");
            }
            return await next(context);
        });
        return group;
    }
}

/// <summary>The district client a request comes from.</summary>
public sealed record DistrictClient(string Id, string ScopeCode)
{
    public static DistrictClient Of(ClaimsPrincipal user) =>
        new(user.FindFirstValue(Caller.SubjectClaim)!, ScopeOf(user.FindFirstValue(Caller.DivisionClaim)!));

    public bool Covers(string divisionCode) => divisionCode.StartsWith(ScopeCode, StringComparison.Ordinal);

    /// <summary>The prefix of division codes a client registered for a county, town or village sees.</summary>
    public static string ScopeOf(string divisionCode) =>
        divisionCode.EndsWith("000000", StringComparison.Ordinal) ? divisionCode[..6]
        : divisionCode.EndsWith("000", StringComparison.Ordinal) ? divisionCode[..9]
        : divisionCode;
}
