using Zaili.ServiceDefaults.Http;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Zaili.Identity.Apis;
using Zaili.Identity.Data;
using Zaili.Identity.Domain;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Zaili.Identity;

public sealed class IdentityOptions
{
    /// <summary>The issuer in every token: the gateway's address, where clients reach <c>/connect/*</c>.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>RSA private key (PEM) that signs tokens; generated once per installation by the AppHost.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Secret from which the key that encrypts authorization codes and refresh tokens is derived.</summary>
    public string TokenKey { get; set; } = "";

    /// <summary>The first administrator's password, given at first run; used only while no administrator exists.</summary>
    public string AdminPassword { get; set; } = "";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
}

public static class IdentityExtensions
{
    public const string ConsoleClientId = "zaili-console";
    public const string ApiResource = "zaili-api";
    public const string ApiScope = "zaili-api";

    public static WebApplicationBuilder AddIdentityServices(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Identity").Get<IdentityOptions>() ?? new IdentityOptions();
        builder.Services.Configure<IdentityOptions>(builder.Configuration.GetSection("Identity"));
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.SigningKey) || options.TokenKey.Length < 32)
        {
            throw new InvalidOperationException("Identity:Issuer, Identity:SigningKey and Identity:TokenKey (32+ characters) must be configured");
        }

        builder.Services.AddDbContext<IdentityDb>((services, db) =>
        {
            db.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>());
            db.UseOpenIddict();
        });

        builder.Services.AddIdentity<StaffAccount, IdentityRole>(identity =>
            {
                // Length over composition (NIST SP 800-63B): long passphrases, no forced symbols.
                identity.Password.RequiredLength = 12;
                identity.Password.RequiredUniqueChars = 4;
                identity.Password.RequireDigit = true;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.RequireUniqueEmail = false;
                identity.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                identity.ClaimsIdentity.UserNameClaimType = Claims.Name;
                identity.ClaimsIdentity.RoleClaimType = Claims.Role;
            })
            .AddEntityFrameworkStores<IdentityDb>();

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "zaili.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });

        var signingKey = RSA.Create();
        signingKey.ImportFromPem(options.SigningKey);
        var tokenKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, System.Text.Encoding.UTF8.GetBytes(options.TokenKey), 32,
            info: "zaili/identity/token-encryption"u8.ToArray());

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(server =>
            {
                server.SetIssuer(new Uri(options.Issuer));
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.AllowClientCredentialsFlow();
                server.AllowRefreshTokenFlow();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, ApiScope);
                server.AddSigningKey(new RsaSecurityKey(signingKey) { KeyId = Zaili.ServiceDefaults.Http.PlatformAuthentication.KeyIdOf(signingKey) });
                server.AddEncryptionKey(new SymmetricSecurityKey(tokenKey));
                // Services validate access tokens themselves with the published signing key: signed, not encrypted.
                server.DisableAccessTokenEncryption();
                server.SetAccessTokenLifetime(options.AccessTokenLifetime);
                server.SetRefreshTokenLifetime(TimeSpan.FromHours(8));
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // TLS ends in front of the gateway; the platform's own hops are loopback HTTP.
                    .DisableTransportSecurityRequirement();
            });

        builder.Services.AddAntiforgery();
        builder.Services.AddHostedService<IdentitySeeder>();
        return builder;
    }

    public static WebApplication MapIdentityApis(this WebApplication app)
    {
        app.MapConnectEndpoints();
        app.MapLoginPages();
        app.MapAccountsApi();
        app.MapClientsApi();
        return app;
    }
}
