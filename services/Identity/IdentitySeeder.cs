using Zaili.ServiceDefaults.Http;
using Microsoft.AspNetCore.Identity;
using Dapper;
using Npgsql;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Zaili.Identity.Data;
using Zaili.Identity.Domain;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Zaili.Identity;

/// <summary>
/// What must exist before anyone can sign in: the roles, the console as an OpenID client, and — only while
/// there is no administrator — the first administrator, whose password is the secret given at first run.
/// Runs after the migrations (hosted services start in registration order), under an advisory lock.
/// </summary>
public sealed class IdentitySeeder(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, IOptions<IdentityOptions> options, TimeProvider time, ILogger<IdentitySeeder> logger) : IHostedService
{
    public const string AdministratorUserName = "admin";

    /// <summary>Replicas start together: they seed one after the other, and the second finds everything there.</summary>
    private const long SeedLockKey = 0x5a61696c6964; // "Zailid"
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The other replica may hold it for a while: a cold start on two busy cores builds the EF model slowly.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@SeedLockKey)", new { SeedLockKey },
            commandTimeout: (int)LockWait.TotalSeconds, cancellationToken: cancellationToken));
        try
        {
            await SeedAsync(cancellationToken);
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@SeedLockKey)", new { SeedLockKey });
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.StaffRoleNames)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        if ((await accounts.GetUsersInRoleAsync(StaffRoles.Administrator)).Count == 0)
        {
            await CreateFirstAdministratorAsync(accounts);
        }

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(IdentityExtensions.ConsoleClientId, cancellationToken) is null)
        {
            await applications.CreateAsync(ConsoleClient(new Uri(options.Value.Issuer)), cancellationToken);
        }
    }

    private async Task CreateFirstAdministratorAsync(UserManager<StaffAccount> accounts)
    {
        var password = options.Value.AdminPassword;
        if (string.IsNullOrWhiteSpace(password))
        {
            logger.LogWarning("No administrator exists and Identity:AdminPassword is not set: nobody can manage accounts");
            return;
        }
        var admin = new StaffAccount { UserName = AdministratorUserName, DisplayName = "系统管理员", Department = "党政办", CreatedAt = time.GetUtcNow() };
        var created = await accounts.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            logger.LogError("The first administrator could not be created: {Errors}", string.Join("; ", created.Errors.Select(e => e.Description)));
            return;
        }
        await accounts.AddToRoleAsync(admin, StaffRoles.Administrator);
        logger.LogWarning("Created the first administrator '{UserName}' from the configured secret", AdministratorUserName);
    }

    /// <summary>The department console: a public client (it runs in the browser) that must use PKCE.</summary>
    public static OpenIddictApplicationDescriptor ConsoleClient(Uri issuer)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = IdentityExtensions.ConsoleClientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "寨里镇法治政府建设平台 工作台",
            RedirectUris = { new Uri(issuer, "console/callback") },
            PostLogoutRedirectUris = { new Uri(issuer, "console/") },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var permission in new[]
        {
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
            Permissions.Scopes.Profile, Permissions.Scopes.Roles, Permissions.Prefixes.Scope + IdentityExtensions.ApiScope,
        })
        {
            descriptor.Permissions.Add(permission);
        }
        return descriptor;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
