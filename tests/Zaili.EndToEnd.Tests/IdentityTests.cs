using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// Sign-in through the gateway: the first administrator from the secret given at first run, staff accounts
/// with roles and places, lockout, district systems with client credentials, and tokens the services trust.
/// </summary>
public sealed class IdentityTests(PlatformFixture platform)
{
    private Uri Gateway => platform.Gateway.BaseAddress!;

    [Fact]
    public async Task The_first_administrator_signs_in_with_the_authorization_code_flow_and_PKCE()
    {
        var ct = TestContext.Current.CancellationToken;
        var tokens = await StaffSignIn.SignInAsync(Gateway, "admin", await platform.AdministratorPasswordAsync(), ct);

        var claims = StaffSignIn.ClaimsOf(tokens.AccessToken);
        Assert.Equal(Gateway.ToString(), claims.GetProperty("iss").GetString());
        Assert.Contains("Administrator", RolesOf(claims));
        Assert.NotNull(tokens.RefreshToken);
        Assert.NotNull(tokens.IdToken);

        using var client = WithToken(tokens.AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/identity/me", ct);
        Assert.Contains("Administrator", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // A refresh token gives a new access token for the account as it is now.
        var refreshed = await StaffSignIn.TokenRequestAsync(Gateway, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.RefreshToken!,
            ["client_id"] = StaffSignIn.ConsoleClientId,
        }, ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Fact]
    public async Task The_console_cannot_get_a_code_without_PKCE()
    {
        var ct = TestContext.Current.CancellationToken;
        using var browser = StaffSignIn.NewBrowser(Gateway);
        var response = await browser.GetAsync(StaffSignIn.AuthorizeUrl(new Uri(Gateway, "console/callback").ToString(), challenge: null, "s"), ct);

        // OpenIddict answers an invalid request to a registered redirect URI with the error, never with a code.
        var location = response.Headers.Location?.ToString() ?? "";
        Assert.DoesNotContain("code=", location);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || location.Contains("error=invalid_request"), $"{(int)response.StatusCode} {location}");
    }

    [Fact]
    public async Task Staff_accounts_are_created_by_an_administrator_with_roles_tied_to_places()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await AdministratorAsync(ct);
        var userName = "counsel" + Random.Shared.Next(1000, 9999);
        var village = TestVillages.NewCode();

        var created = await admin.PostAsJsonAsync("/api/identity/accounts", new
        {
            userName, displayName = "王律师", password = "寨里镇法律顾问的密码2026", roles = new[] { "VillageCounsel" }, villages = new[] { village },
        }, ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));

        var tokens = await StaffSignIn.SignInAsync(Gateway, userName, "寨里镇法律顾问的密码2026", ct);
        var claims = StaffSignIn.ClaimsOf(tokens.AccessToken);
        Assert.Equal(["VillageCounsel"], RolesOf(claims));
        Assert.Equal(village, claims.GetProperty("village").ValueKind == JsonValueKind.Array
            ? claims.GetProperty("village")[0].GetString() : claims.GetProperty("village").GetString());

        // Not an administrator: managing accounts is refused.
        using var counsel = WithToken(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await counsel.GetAsync("/api/identity/accounts", ct)).StatusCode);
    }

    [Fact]
    public async Task An_account_is_refused_with_reasons_staff_can_act_on()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await AdministratorAsync(ct);

        var noVillage = await admin.PostAsJsonAsync("/api/identity/accounts", new
        {
            userName = "counsel-novillage", displayName = "李律师", password = "寨里镇法律顾问的密码2026", roles = new[] { "VillageCounsel" },
        }, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noVillage.StatusCode);
        Assert.Contains("村居", (await noVillage.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString());

        var weak = await admin.PostAsJsonAsync("/api/identity/accounts", new
        {
            userName = "weak" + Random.Shared.Next(1000, 9999), displayName = "赵主任", password = "short1", roles = new[] { "GovernanceCentre" },
        }, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);
        Assert.Contains("12", (await weak.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString());

        var unknownRole = await admin.PostAsJsonAsync("/api/identity/accounts", new
        {
            userName = "root" + Random.Shared.Next(1000, 9999), displayName = "某某", password = "寨里镇工作人员2026", roles = new[] { "SuperUser" },
        }, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownRole.StatusCode);

        var duplicate = await admin.PostAsJsonAsync("/api/identity/accounts", new
        {
            userName = "admin", displayName = "重复", password = "寨里镇工作人员2026", roles = new[] { "GovernanceCentre" },
        }, ct);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await AdministratorAsync(ct);
        var userName = "head" + Random.Shared.Next(1000, 9999);
        (await admin.PostAsJsonAsync("/api/identity/accounts", new
        {
            userName, displayName = "张十户长", password = "寨里镇十户长的密码2026", roles = new[] { "HouseholdHead" }, householdGroup = "group-1",
        }, ct)).EnsureSuccessStatusCode();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await StaffSignIn.TryLoginAsync(Gateway, userName, "不对的密码" + attempt, ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
            Assert.Contains("用户名或密码错误", wrong.Page);
        }
        var fifth = await StaffSignIn.TryLoginAsync(Gateway, userName, "不对的密码5", ct);
        Assert.Equal(HttpStatusCode.Forbidden, fifth.Status);
        var right = await StaffSignIn.TryLoginAsync(Gateway, userName, "寨里镇十户长的密码2026", ct);
        Assert.Equal(HttpStatusCode.Forbidden, right.Status);
        Assert.Contains("已锁定", right.Page);
    }

    [Fact]
    public async Task A_district_system_gets_a_token_with_client_credentials_scoped_to_its_division()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await AdministratorAsync(ct);
        var registered = await admin.PostAsJsonAsync("/api/identity/clients", new { displayName = "淄川区社会治理平台", division = "370302000000" }, ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var client = await registered.Content.ReadFromJsonAsync<JsonElement>(ct);

        var tokens = await StaffSignIn.ClientCredentialsAsync(Gateway, client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!, ct);
        var claims = StaffSignIn.ClaimsOf(tokens.AccessToken);
        Assert.Equal(["DistrictSystem"], RolesOf(claims));
        Assert.Equal("370302000000", claims.GetProperty("division").GetString());

        var wrongSecret = await StaffSignIn.TokenRequestAsync(Gateway, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.GetProperty("clientId").GetString()!,
            ["client_secret"] = "not-the-secret",
        }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
    }

    [Fact]
    public async Task Managing_accounts_without_a_token_or_with_a_forged_one_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = new HttpClient { BaseAddress = Gateway };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/identity/accounts", ct)).StatusCode);

        var genuine = await StaffSignIn.SignInAsync(Gateway, "admin", await platform.AdministratorPasswordAsync(), ct);
        var parts = genuine.AccessToken.Split('.');
        var forgedPayload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
                StaffSignIn.ClaimsOf(genuine.AccessToken).ToString().Replace("\"Administrator\"", "\"Administrator\",\"JusticeOffice\"")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var forged = WithToken($"{parts[0]}.{forgedPayload}.{parts[2]}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/identity/accounts", ct)).StatusCode);
    }

    private async Task<HttpClient> AdministratorAsync(CancellationToken ct) =>
        WithToken((await StaffSignIn.SignInAsync(Gateway, "admin", await platform.AdministratorPasswordAsync(), ct)).AccessToken);

    private HttpClient WithToken(string accessToken)
    {
        var client = new HttpClient { BaseAddress = Gateway };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static string[] RolesOf(JsonElement claims) => claims.GetProperty("role") switch
    {
        { ValueKind: JsonValueKind.Array } roles => roles.EnumerateArray().Select(r => r.GetString()!).ToArray(),
        var role => [role.GetString()!],
    };
}
