using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Zaili.ServiceDefaults.Http;

/// <summary>
/// Every service and the gateway check the access token themselves (no trust in the network): an RS256 JWT
/// from the identity service, for the <c>zaili-api</c> audience, signed with the installation's key. The
/// public key comes from configuration (the AppHost derives it from the signing key), so checking a token
/// needs no call to the identity service. Anything not marked otherwise needs a valid token. A token that
/// passed the check is remembered until it expires (<see cref="ValidatedTokens"/>), so its next requests skip it.
/// </summary>
public static class PlatformAuthentication
{
    public const string Audience = "zaili-api";
    public const string IssuerKey = "Identity:Issuer";
    public const string PublicKeyKey = "Identity:SigningPublicKey";

    /// <summary>The key id of a signing key: the first 16 hex digits of the SHA-256 of its public key.</summary>
    public static string KeyIdOf(RSA key) => Convert.ToHexString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var issuer = builder.Configuration[IssuerKey];
        var publicKey = builder.Configuration[PublicKeyKey];
        if (string.IsNullOrWhiteSpace(issuer) || string.IsNullOrWhiteSpace(publicKey))
        {
            throw new InvalidOperationException($"{IssuerKey} and {PublicKeyKey} must be configured: every service checks tokens itself");
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(publicKey);

        builder.Services.AddSingleton(services => new ValidatedTokens(services.GetRequiredService<TimeProvider>()));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = RecallValidatedToken,
                OnTokenValidated = RememberValidatedToken,
            };
            jwt.MapInboundClaims = false;
            jwt.RequireHttpsMetadata = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = issuer,
                ValidAudience = Audience,
                // The key id the identity service puts in each token's header: the key is found by id, not by trying.
                IssuerSigningKey = new RsaSecurityKey(rsa) { KeyId = KeyIdOf(rsa) },
                ValidTypes = ["at+jwt"],
                NameClaimType = "name",
                RoleClaimType = Caller.RoleClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ForbiddenProblem>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>A token this process validated before (and that has not expired) is not checked again.</summary>
    private static Task RecallValidatedToken(MessageReceivedContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && authorization["Bearer ".Length..].Trim() is { Length: > 0 } token)
        {
            context.Token = token;
            if (context.HttpContext.RequestServices.GetRequiredService<ValidatedTokens>().TryGet(token, out var caller))
            {
                context.Principal = caller;
                context.Success();
            }
        }
        return Task.CompletedTask;
    }

    private static Task RememberValidatedToken(TokenValidatedContext context)
    {
        if (context.SecurityToken is JsonWebToken { EncodedToken: { } token } jwt && jwt.ValidTo != DateTime.MinValue && context.Principal is { } caller)
        {
            context.HttpContext.RequestServices.GetRequiredService<ValidatedTokens>()
                .Remember(token, caller, new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc)));
        }
        return Task.CompletedTask;
    }
}
