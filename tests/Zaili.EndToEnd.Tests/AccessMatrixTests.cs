using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// The role matrix, through the gateway: for endpoints of every service, each role either gets past the
/// authorization check (any answer but 401/403) or is refused with 403 ProblemDetails. One account per role,
/// signed in like staff; a district system with its client-credentials token; administrators everywhere.
/// </summary>
public sealed class AccessMatrixTests(PlatformFixture platform)
{
    private const string J = "JusticeOffice", G = "GovernanceCentre", E = "EnforcementDepartment", P = "PartyGovernmentOffice",
        V = "VillageCounsel", H = "HouseholdHead", M = "Mediator", D = "DistrictSystem", A = "Administrator";

    private static readonly string Town = PlatformFixture.TownCode;
    private static readonly string Period = $"townCode={Town}&from=2026-01-01&to=2026-12-31";
    private static readonly string Unknown = Guid.NewGuid().ToString();

    /// <summary>(method, path, body or null, the roles allowed besides administrators).</summary>
    private static readonly (string Method, string Path, string[] Allowed)[] Matrix =
    [
        ("GET", "/api/governance/villages", [J, G, P, H, E, V, M]),
        ("PUT", "/api/governance/villages", [G]),
        ("POST", "/api/governance/groups", [G]),
        ("GET", "/api/governance/dispute-reports", [G, H]),
        ("POST", "/api/governance/appeals/" + Unknown + "/assignment", [G]),
        ("GET", "/api/governance/figures?" + Period, [G, P]),
        ("GET", "/api/education/laws", [J, E, G, P]),
        ("PUT", "/api/education/laws", [J]),
        ("POST", "/api/education/exams", [J]),
        ("POST", "/api/education/activities", [J, E, G]),
        ("GET", "/api/education/figures?" + Period, [J, P]),
        ("GET", "/api/enforcement/officers?townCode=" + Town, [J, E]),
        ("POST", "/api/enforcement/officers", [J]),
        ("POST", "/api/enforcement/cases", [E]),
        ("POST", "/api/enforcement/cases/" + Unknown + "/legal-review", [J]),
        ("POST", "/api/enforcement/cases/" + Unknown + "/decision", [E]),
        ("POST", "/api/enforcement/lawsuits", [J, P]),
        ("GET", "/api/enforcement/figures?" + Period, [J, E, P]),
        ("GET", "/api/mediation/network", [J, G, M]),
        ("PUT", "/api/mediation/network", [J]),
        ("GET", "/api/mediation/cases", [J, G, M]),
        ("POST", "/api/mediation/cases/" + Unknown + "/sessions", [J, M]),
        ("GET", "/api/mediation/statistics?" + Period, [J, P]),
        ("GET", "/api/mediation/grade-applications", [J]),
        ("GET", "/api/village-review/matters", [J, V, P]),
        ("POST", "/api/village-review/matters", [J]),
        ("POST", "/api/village-review/matters/" + Unknown + "/review", [V]),
        ("GET", "/api/village-review/coverage?townCode=" + Town, [J, P]),
        ("GET", "/api/reports/annual", [J, P]),
        ("POST", "/api/reports/annual", [P]),
        ("GET", "/api/reports/figures?" + Period, [J, P]),
        ("GET", "/api/reports/district-clients/dead-letters", []),
        ("GET", "/api/identity/accounts", []),
        ("GET", "/api/mediation/audit", []),
        ("GET", "/api/governance/audit", []),
        ("PUT", "/api/enforcement/calendar", [P]),
        ("GET", "/api/identity/me", [J, G, E, P, V, H, M, D]),
    ];

    [Fact]
    public async Task Every_role_reaches_exactly_the_endpoints_of_its_work()
    {
        var ct = TestContext.Current.CancellationToken;
        var callers = new Dictionary<string, HttpClient> { [A] = platform.Gateway };
        try
        {
            callers[J] = (await StaffAccounts.SignInAsNewAsync(platform, J, ct)).Client;
            callers[G] = (await StaffAccounts.SignInAsNewAsync(platform, G, ct)).Client;
            callers[E] = (await StaffAccounts.SignInAsNewAsync(platform, E, ct, department: "安环办")).Client;
            callers[P] = (await StaffAccounts.SignInAsNewAsync(platform, P, ct)).Client;
            callers[V] = (await StaffAccounts.SignInAsNewAsync(platform, V, ct, villages: [TestVillages.NewCode()])).Client;
            callers[H] = (await StaffAccounts.SignInAsNewAsync(platform, H, ct, householdGroup: Guid.NewGuid().ToString())).Client;
            callers[M] = (await StaffAccounts.SignInAsNewAsync(platform, M, ct, mediationNode: "PQ-01")).Client;
            callers[D] = await DistrictSystemAsync(ct);

            var wrong = new List<string>();
            foreach (var (method, path, allowed) in Matrix)
            {
                foreach (var (role, client) in callers)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), path);
                    if (method != "GET")
                    {
                        request.Content = JsonContent.Create(new { });
                    }
                    using var response = await client.SendAsync(request, ct);
                    var mayCall = role == A || allowed.Contains(role);
                    var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized;
                    if (mayCall == refused)
                    {
                        wrong.Add($"{role,-22} {method,-4} {path} -> {(int)response.StatusCode} (expected {(mayCall ? "past the role check" : "403")})");
                    }
                    else if (refused)
                    {
                        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                        // The refusal names the roles the action needs, in the staff's words.
                        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString()!;
                        Assert.True(allowed.Length == 0 ? detail.Contains("系统管理员") : detail.StartsWith("此操作需要以下角色之一", StringComparison.Ordinal), $"{role} {method} {path}: {detail}");
                    }
                }
            }
            Assert.True(wrong.Count == 0, "Role matrix mismatches:\n" + string.Join('\n', wrong));
        }
        finally
        {
            foreach (var (role, client) in callers.Where(c => c.Key != A))
            {
                client.Dispose();
            }
        }
    }

    private async Task<HttpClient> DistrictSystemAsync(CancellationToken ct)
    {
        var registered = await platform.Gateway.PostAsJsonAsync("/api/identity/clients", new { displayName = "淄川区矩阵测试系统", division = "370302000000" }, ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var client = await registered.Content.ReadFromJsonAsync<JsonElement>(ct);
        var tokens = await StaffSignIn.ClientCredentialsAsync(platform.Gateway.BaseAddress!, client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!, ct);
        var http = new HttpClient { BaseAddress = platform.Gateway.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return http;
    }
}
