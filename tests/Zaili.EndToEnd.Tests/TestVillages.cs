using System.Net.Http.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// Each test works in villages of its own (fresh division codes), so tests sharing one platform never
/// see each other's records.
/// </summary>
public static class TestVillages
{
    private static int _next = Random.Shared.Next(0, 400);

    public static string NewCode() => PlatformFixture.TownCode[..9] + (200 + Interlocked.Increment(ref _next) % 800).ToString("D3");

    /// <summary>Registers a village in governance and in the mediation network under 第一片区.</summary>
    public static async Task<string> AddAsync(HttpClient gateway, string name, CancellationToken cancellationToken)
    {
        var code = NewCode();
        var villages = await gateway.PutAsJsonAsync("/api/governance/villages",
            new { villages = new[] { new { code, name, isPilot = true } } }, cancellationToken);
        villages.EnsureSuccessStatusCode();
        var network = await gateway.PutAsJsonAsync("/api/mediation/network",
            new { nodes = new[] { new { code, name = name + "调委会", level = "Village", parentCode = "PQ-01" } } }, cancellationToken);
        network.EnsureSuccessStatusCode();
        return code;
    }
}
