using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>A staff member of the tests: an account the administrator creates, signed in through the gateway.</summary>
public sealed record StaffMember(string Subject, string UserName, HttpClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

public static class StaffAccounts
{
    public const string Password = "寨里镇测试账号的密码2026";

    /// <summary>
    /// Creates an account with one role and its place (department, villages, group or mediation node),
    /// signs it in with the console's code flow and returns a client that sends its token.
    /// </summary>
    public static async Task<StaffMember> SignInAsNewAsync(
        PlatformFixture platform, string role, CancellationToken ct,
        string? department = null, string[]? villages = null, string? householdGroup = null, string? mediationNode = null, bool waitWhenLimited = false)
    {
        var userName = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..30];
        var created = await platform.Gateway.PostAsJsonAsync("/api/identity/accounts", new
        {
            userName, displayName = "测试" + role[..Math.Min(role.Length, 8)], password = Password, roles = new[] { role },
            department, villages, householdGroup, mediationNode,
        }, ct);
        Assert.True(created.IsSuccessStatusCode, $"account for {role}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(ct)}");
        var subject = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("id").GetString()!;

        var tokens = await StaffSignIn.SignInAsync(platform.Gateway.BaseAddress!, userName, Password, ct);
        var client = waitWhenLimited ? new HttpClient(new RateLimitRetryHandler()) : new HttpClient();
        client.BaseAddress = platform.Gateway.BaseAddress;
        client.Timeout = TimeSpan.FromSeconds(60);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return new StaffMember(subject, userName, client);
    }
}
