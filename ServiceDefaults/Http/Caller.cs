using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Zaili.ServiceDefaults.Http;

/// <summary>
/// Who is calling: the checked token reduced to what the services decide on — the subject, the roles, and
/// where the caller works: a department (执法部门), villages (村法律顾问), a ten-household group (十户长),
/// a mediation node (调解员) or a division (a district system). Endpoints take a <see cref="Caller"/>
/// parameter, record <see cref="Subject"/> as the actor and ask it what the caller may see.
/// </summary>
public sealed record Caller(
    string Subject,
    string? Name,
    IReadOnlySet<string> Roles,
    string? Department,
    IReadOnlySet<string> Villages,
    string? HouseholdGroup,
    string? MediationNode,
    string? Division)
{
    public const string SubjectClaim = "sub";
    public const string NameClaim = "name";
    public const string RoleClaim = "role";
    public const string DepartmentClaim = "department";
    public const string VillageClaim = "village";
    public const string HouseholdGroupClaim = "household_group";
    public const string MediationNodeClaim = "mediation_node";
    public const string DivisionClaim = "division";

    /// <summary>No token presented: only endpoints marked anonymous (health, 公示, sign-in) ever see this caller.</summary>
    public static readonly Caller Anonymous = new("anonymous", null, new HashSet<string>(), null, new HashSet<string>(), null, null, null);

    public bool IsAuthenticated => !ReferenceEquals(this, Anonymous);

    public bool IsAdministrator => Roles.Contains(StaffRoles.Administrator);

    /// <summary>
    /// True when the caller holds one of <paramref name="roles"/> or is an administrator: the roles whose holders
    /// see a service's records town-wide. Everyone else is bounded by their place (node, villages, group, department).
    /// </summary>
    public bool ActsTownWide(params ReadOnlySpan<string> roles)
    {
        if (IsAdministrator)
        {
            return true;
        }
        foreach (var role in roles)
        {
            if (Roles.Contains(role))
            {
                return true;
            }
        }
        return false;
    }

    public bool ServesVillage(string villageCode) => Villages.Contains(villageCode);

    public static Caller From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }
        return new Caller(
            principal.FindFirstValue(SubjectClaim) ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown",
            principal.FindFirstValue(NameClaim),
            principal.FindAll(RoleClaim).Concat(principal.FindAll(ClaimTypes.Role)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            principal.FindFirstValue(DepartmentClaim),
            principal.FindAll(VillageClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            principal.FindFirstValue(HouseholdGroupClaim),
            principal.FindFirstValue(MediationNodeClaim),
            principal.FindFirstValue(DivisionClaim));
    }

    /// <summary>
    /// The request's caller, worked out once per request: the log scope, the endpoint's binding and the audit
    /// row each ask, and reading a checked token's claims walks all of them on every lookup (3.6 % of
    /// governance's CPU in a profile of reports coming in). Kept with the principal it came from, so a
    /// principal set later in the pipeline is read afresh.
    /// </summary>
    public static Caller Of(HttpContext context)
    {
        var principal = context.User;
        if (context.Features.Get<KnownCaller>() is { } known && ReferenceEquals(known.Principal, principal))
        {
            return known.Caller;
        }
        var caller = From(principal);
        context.Features.Set(new KnownCaller(principal, caller));
        return caller;
    }

    /// <summary>Minimal API binding: a handler parameter of type <see cref="Caller"/> is the request's caller.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(Of(context));

    private sealed record KnownCaller(ClaimsPrincipal Principal, Caller Caller);
}
