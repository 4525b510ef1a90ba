using Zaili.ServiceDefaults.Http;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Zaili.Identity.Domain;

/// <summary>What a token says about who holds it; the services read these claims (Caller).</summary>
public static class StaffClaims
{
    public const string Department = Caller.DepartmentClaim;
    public const string Village = Caller.VillageClaim;
    public const string HouseholdGroup = Caller.HouseholdGroupClaim;
    public const string MediationNode = Caller.MediationNodeClaim;
    public const string Division = Caller.DivisionClaim;

    public sealed record Holder(
        string Subject, string UserName, string DisplayName, IReadOnlyCollection<string> Roles,
        string? Department, IReadOnlyCollection<string> Villages, string? HouseholdGroup, string? MediationNode);

    public static ClaimsPrincipal PrincipalFor(Holder holder, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, holder.Subject)
            .SetClaim(Claims.Name, holder.DisplayName)
            .SetClaim(Claims.PreferredUsername, holder.UserName)
            .SetClaims(Claims.Role, [.. holder.Roles])
            .SetClaims(Village, [.. holder.Villages]);
        if (holder.Department is not null)
        {
            identity.SetClaim(Department, holder.Department);
        }
        if (holder.HouseholdGroup is not null)
        {
            identity.SetClaim(HouseholdGroup, holder.HouseholdGroup);
        }
        if (holder.MediationNode is not null)
        {
            identity.SetClaim(MediationNode, holder.MediationNode);
        }
        return Finish(identity, scopes);
    }

    /// <summary>A district system: its client id is its subject; its division code bounds what it may see.</summary>
    public static ClaimsPrincipal PrincipalForDistrictSystem(string clientId, string displayName, string division, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, displayName)
            .SetClaim(Claims.Role, StaffRoles.DistrictSystem)
            .SetClaim(Division, division);
        return Finish(identity, scopes);
    }

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        identity.SetScopes(scopes);
        identity.SetResources(Zaili.Identity.IdentityExtensions.ApiResource);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.PreferredUsername or Claims.Role => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }
}
