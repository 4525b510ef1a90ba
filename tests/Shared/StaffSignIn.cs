using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Zaili.Testing;

/// <summary>
/// Signs in the way the department console does, through the gateway: the authorization-code flow with
/// PKCE, the identity service's login page in between (with its anti-forgery token and cookie), then the
/// code exchanged for tokens. No shortcut: what works here works for a browser.
/// </summary>
public static partial class StaffSignIn
{
    public const string ConsoleClientId = "zaili-console";
    public const string Scopes = "openid profile roles offline_access zaili-api";

    public sealed record Tokens(string AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn);

    public sealed record LoginOutcome(HttpStatusCode Status, string Page);

    /// <summary>A browser of its own: cookies kept, redirects looked at one by one.</summary>
    public static HttpClient NewBrowser(Uri gateway) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = gateway };

    public static async Task<Tokens> SignInAsync(Uri gateway, string userName, string password, CancellationToken ct)
    {
        using var browser = NewBrowser(gateway);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var redirectUri = new Uri(gateway, "console/callback").ToString();

        var authorize = await browser.GetAsync(AuthorizeUrl(redirectUri, Challenge(verifier), state), ct);
        Expect(authorize.StatusCode == HttpStatusCode.Redirect, $"authorize answered {(int)authorize.StatusCode}, not a redirect to the login page");
        var loginUrl = authorize.Headers.Location!;
        Expect((loginUrl.IsAbsoluteUri ? loginUrl.PathAndQuery : loginUrl.OriginalString).StartsWith("/account/login", StringComparison.Ordinal), $"redirected to {loginUrl}, not the login page");

        var login = await SubmitLoginAsync(browser, loginUrl, userName, password, ct);
        Expect(login.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {userName} refused: {(int)login.StatusCode}");

        var back = await browser.GetAsync(login.Headers.Location, ct);
        Expect(back.StatusCode == HttpStatusCode.Redirect, $"authorize after sign-in answered {(int)back.StatusCode}");
        var callback = back.Headers.Location!;
        Expect(callback.ToString().StartsWith(redirectUri, StringComparison.Ordinal), $"redirected to {callback}, not the console");
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        Expect(query["state"] == state, "the state came back changed");
        var code = query["code"] ?? throw new InvalidOperationException("No code in " + callback);

        return await ExchangeAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = ConsoleClientId,
            ["code_verifier"] = verifier,
        }, ct);
    }

    /// <summary>Only the login page: what a person typing a wrong password sees.</summary>
    public static async Task<LoginOutcome> TryLoginAsync(Uri gateway, string userName, string password, CancellationToken ct)
    {
        using var browser = NewBrowser(gateway);
        var redirectUri = new Uri(gateway, "console/callback").ToString();
        var authorize = await browser.GetAsync(AuthorizeUrl(redirectUri, Challenge(Base64Url(RandomNumberGenerator.GetBytes(32))), "s"), ct);
        var login = await SubmitLoginAsync(browser, authorize.Headers.Location!, userName, password, ct);
        return new LoginOutcome(login.StatusCode, await login.Content.ReadAsStringAsync(ct));
    }

    public static async Task<Tokens> ClientCredentialsAsync(Uri gateway, string clientId, string clientSecret, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = gateway };
        return await ExchangeAsync(client, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["scope"] = "zaili-api",
        }, ct);
    }

    public static async Task<HttpResponseMessage> TokenRequestAsync(Uri gateway, Dictionary<string, string> form, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = gateway };
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(form), ct);
    }

    public static string AuthorizeUrl(string redirectUri, string? challenge, string state) =>
        "/connect/authorize?" + string.Join("&", new Dictionary<string, string?>
        {
            ["client_id"] = ConsoleClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = Scopes,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = challenge is null ? null : "S256",
        }.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    /// <summary>The payload of a JWT, to look at its claims (the services check its signature, not the test).</summary>
    public static JsonElement ClaimsOf(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.Clone();
    }

    private static async Task<HttpResponseMessage> SubmitLoginAsync(HttpClient browser, Uri loginUrl, string userName, string password, CancellationToken ct)
    {
        var page = await browser.GetStringAsync(loginUrl, ct);
        var antiforgery = AntiforgeryField().Match(page);
        Expect(antiforgery.Success, "The login page has no anti-forgery field");
        var returnUrl = WebUtility.HtmlDecode(ReturnUrlField().Match(page).Groups[1].Value);
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [WebUtility.HtmlDecode(antiforgery.Groups[1].Value)] = WebUtility.HtmlDecode(antiforgery.Groups[2].Value),
            ["ReturnUrl"] = returnUrl,
            ["UserName"] = userName,
            ["Password"] = password,
        }), ct);
    }

    private static async Task<Tokens> ExchangeAsync(HttpClient client, Dictionary<string, string> form, CancellationToken ct)
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form), ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Expect(response.IsSuccessStatusCode, $"Token request refused: {body}");
        return new Tokens(
            body.GetProperty("access_token").GetString()!,
            body.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            body.TryGetProperty("id_token", out var id) ? id.GetString() : null,
            body.GetProperty("expires_in").GetInt32());
    }

    /// <summary>Shared with the benchmark, which has no test framework: a failed expectation is an exception.</summary>
    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }

    private static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*RequestVerificationToken[^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<input type=\"hidden\" name=\"ReturnUrl\" value=\"([^\"]*)\">")]
    private static partial Regex ReturnUrlField();
}
