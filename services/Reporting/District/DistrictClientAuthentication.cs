using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Zaili.Reporting.District;

/// <summary>
/// District systems sign in as clients: HTTP Basic with the client id and the secret they were given
/// once. Only a SHA-256 hash of the secret is stored: the secret is 32 random bytes, so a slow hash adds
/// nothing. The client's scope (a county or town code prefix) limits what it sees and sends.
/// </summary>
public sealed class DistrictClientAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, NpgsqlDataSource db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DistrictClient";
    public const string Policy = "DistrictClient";
    public const string ScopeClaim = "zaili:scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return AuthenticateResult.NoResult();
        }
        string clientId, secret;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = pair.IndexOf(':');
            if (colon <= 0)
            {
                return AuthenticateResult.Fail("malformed credentials");
            }
            (clientId, secret) = (pair[..colon], pair[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("malformed credentials");
        }
        await using var connection = await db.OpenConnectionAsync(Context.RequestAborted);
        var client = await connection.QuerySingleOrDefaultAsync<(string ScopeCode, byte[] SecretHash)>(new CommandDefinition(
            "SELECT scope_code, secret_hash FROM district_clients WHERE id = @clientId AND revoked_at IS NULL", new { clientId }, cancellationToken: Context.RequestAborted));
        if (client == default || !CryptographicOperations.FixedTimeEquals(client.SecretHash, HashSecret(secret)))
        {
            return AuthenticateResult.Fail("unknown client or wrong secret");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, clientId), new Claim(ScopeClaim, client.ScopeCode)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"zaili-district\", charset=\"UTF-8\"";
        return base.HandleChallengeAsync(properties);
    }

    public static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}

/// <summary>The district client a request comes from.</summary>
public sealed record DistrictClient(string Id, string ScopeCode)
{
    public static DistrictClient Of(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier)!, user.FindFirstValue(DistrictClientAuthentication.ScopeClaim)!);

    public bool Covers(string divisionCode) => divisionCode.StartsWith(ScopeCode, StringComparison.Ordinal);

    /// <summary>The prefix of division codes a client registered for a county, town or village sees.</summary>
    public static string ScopeOf(string divisionCode) =>
        divisionCode.EndsWith("000000", StringComparison.Ordinal) ? divisionCode[..6]
        : divisionCode.EndsWith("000", StringComparison.Ordinal) ? divisionCode[..9]
        : divisionCode;
}
