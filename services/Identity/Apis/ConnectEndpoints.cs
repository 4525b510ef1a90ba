using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Zaili.Identity.Data;
using Zaili.Identity.Domain;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Zaili.Identity.Apis;

/// <summary>
/// The OpenID Connect endpoints OpenIddict passes through to us: the console's authorization-code flow
/// (with PKCE, after the staff member signed in on the login page), the token endpoint (codes, refresh
/// tokens, district systems' client credentials) and sign-out. Every token is issued from the account as it
/// is now: a disabled or locked account gets no new token, not even from a refresh token.
/// </summary>
public static class ConnectEndpoints
{
    public static void MapConnectEndpoints(this WebApplication app)
    {
        // Whoever comes here has no access token yet: these endpoints authenticate in their own ways.
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).ExcludeFromDescription().DisableAntiforgery().AllowAnonymous();
        app.MapPost("/connect/token", TokenAsync).ExcludeFromDescription().DisableAntiforgery().AllowAnonymous();
        app.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], LogoutAsync).ExcludeFromDescription().DisableAntiforgery().AllowAnonymous();
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<StaffAccount> accounts, SignInManager<StaffAccount> signIn)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request");
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = session.Succeeded ? await accounts.GetUserAsync(session.Principal!) : null;
        if (account is null || !await MayHaveTokensAsync(accounts, account))
        {
            if (account is not null)
            {
                await signIn.SignOutAsync();
            }
            // To the login page, which brings the browser back here with the same request.
            var query = http.Request.HasFormContentType ? QueryString.Create(http.Request.Form.Select(f => KeyValuePair.Create(f.Key, f.Value))) : http.Request.QueryString;
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + query }, [IdentityConstants.ApplicationScheme]);
        }
        var principal = StaffClaims.PrincipalFor(await HolderOfAsync(accounts, account), request.GetScopes());
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, UserManager<StaffAccount> accounts, IOpenIddictApplicationManager applications)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var account = granted.Principal?.GetClaim(Claims.Subject) is { } subject ? await accounts.FindByIdAsync(subject) : null;
            if (account is null || !await MayHaveTokensAsync(accounts, account))
            {
                return Refuse(Errors.InvalidGrant, "账户不存在、已停用或已锁定");
            }
            var principal = StaffClaims.PrincipalFor(await HolderOfAsync(accounts, account), granted.Principal!.GetScopes());
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has already checked the client's secret and its permission to use this grant.
            var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client");
            var properties = await applications.GetPropertiesAsync(application);
            if (!properties.TryGetValue(ClientsApi.DivisionProperty, out var division) || division.GetString() is not { Length: > 0 } code)
            {
                return Refuse(Errors.UnauthorizedClient, "该客户端未指定行政区划，不能取得令牌");
            }
            var principal = StaffClaims.PrincipalForDistrictSystem(request.ClientId!, await applications.GetDisplayNameAsync(application) ?? request.ClientId!, code, request.GetScopes());
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return Refuse(Errors.UnsupportedGrantType, "不支持的授权类型");
    }

    private static async Task<IResult> LogoutAsync(SignInManager<StaffAccount> signIn)
    {
        await signIn.SignOutAsync();
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<bool> MayHaveTokensAsync(UserManager<StaffAccount> accounts, StaffAccount account) =>
        !account.Disabled && !await accounts.IsLockedOutAsync(account);

    public static async Task<StaffClaims.Holder> HolderOfAsync(UserManager<StaffAccount> accounts, StaffAccount account) =>
        new(account.Id, account.UserName!, account.DisplayName, [.. await accounts.GetRolesAsync(account)],
            account.Department, account.Villages, account.HouseholdGroup, account.MediationNode);

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
