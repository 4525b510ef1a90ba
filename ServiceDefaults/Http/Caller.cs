using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Zaili.ServiceDefaults.Http;

/// <summary>
/// Who is calling: the authenticated principal reduced to what the domain needs — a subject id,
/// the department (e.g. 司法所), the village codes the caller serves and the roles.
/// Endpoints take a <see cref="Caller"/> parameter and record <see cref="Subject"/> as the actor.
/// </summary>
public sealed record Caller(string Subject, string? Department, IReadOnlySet<string> Villages, IReadOnlySet<string> Roles)
{
    public const string DepartmentClaim = "department";
    public const string VillageClaim = "village";
    public const string RoleClaim = "role";

    /// <summary>No token presented: only endpoints marked anonymous (health, 公示, sign-in) ever see this caller.</summary>
    public static readonly Caller Anonymous = new("anonymous", null, new HashSet<string>(), new HashSet<string>());

    public bool IsAuthenticated => !ReferenceEquals(this, Anonymous);

    public static Caller From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }
        var subject = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        return new Caller(
            subject,
            principal.FindFirstValue(DepartmentClaim),
            principal.FindAll(VillageClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            principal.FindAll(RoleClaim).Concat(principal.FindAll(ClaimTypes.Role)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Minimal API binding: a handler parameter of type <see cref="Caller"/> is the request's caller.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(From(context.User));
}
