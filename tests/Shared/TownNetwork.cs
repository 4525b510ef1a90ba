using System.Net.Http.Json;

namespace Zaili.Testing;

/// <summary>The town's centre, one 管区 and one 片区: the villages of each test hang under the 片区 (PQ-01).</summary>
public static class TownNetwork
{
    public static async Task ImportAsync(HttpClient gateway, string townCode, CancellationToken cancellationToken)
    {
        var response = await gateway.PutAsJsonAsync("/api/mediation/network", new
        {
            nodes = new object[]
            {
                new { code = townCode, name = "寨里镇一站式矛盾纠纷调解中心", level = "Town" },
                new { code = "GQ-01", name = "第一管区", level = "ManagementArea", parentCode = townCode },
                new { code = "PQ-01", name = "第一片区", level = "Section", parentCode = "GQ-01" },
            },
        }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
