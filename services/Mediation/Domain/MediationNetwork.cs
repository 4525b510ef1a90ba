using System.Text.RegularExpressions;
using Zaili.Contracts;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Domain;

/// <summary>A node of the network. Village nodes carry the village's division code as their code.</summary>
public sealed record NetworkNode(string Code, string Name, MediationLevel Level, string? ParentCode, string? VillageCode, string TownCode);

/// <summary>
/// The rules of the four-level network 镇—管区—片区—村居: a town node is the root (its code is the
/// town's division code), each other node hangs under a node exactly one level up, and a village node
/// is identified by the village's division code within that town.
/// </summary>
public static partial class MediationNetwork
{
    [GeneratedRegex("^[0-9A-Za-z-]{1,40}$")]
    private static partial Regex NodeCodePattern();

    public sealed record NodeInput(string Code, string Name, MediationLevel Level, string? ParentCode);

    /// <summary>Checks an import against the nodes already kept; returns the nodes to store.</summary>
    public static IReadOnlyList<NetworkNode> Import(IReadOnlyCollection<NodeInput> inputs, IReadOnlyCollection<NetworkNode> existing)
    {
        var duplicate = inputs.GroupBy(n => n.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainRuleException($"节点代码 {duplicate.Key} 在导入数据中重复", "node-duplicate");
        }
        var byCode = existing.ToDictionary(n => n.Code);
        var pending = inputs.ToDictionary(n => n.Code);
        var result = new List<NetworkNode>();
        // Parents first: a node can only be resolved once the node above it is known.
        foreach (var input in inputs.OrderByDescending(n => n.Level))
        {
            var node = Resolve(input, byCode, pending);
            byCode[node.Code] = node;
            result.Add(node);
        }
        return result;
    }

    private static NetworkNode Resolve(NodeInput input, Dictionary<string, NetworkNode> known, Dictionary<string, NodeInput> pending)
    {
        if (!NodeCodePattern().IsMatch(input.Code))
        {
            throw new DomainRuleException($"节点代码“{input.Code}”无效（1至40位字母、数字或连字符）", "node-code");
        }
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 50)
        {
            throw new DomainRuleException($"节点 {input.Code} 的名称不能为空且不超过50字", "node-name");
        }
        if (input.Level == MediationLevel.Town)
        {
            if (input.ParentCode is not null)
            {
                throw new DomainRuleException($"镇级节点 {input.Code} 不能有上级节点", "node-parent");
            }
            if (!DivisionCode.TryParse(input.Code, out var town) || !town.Value.IsTown)
            {
                throw new DomainRuleException($"镇级节点代码应为镇的12位区划代码（末三位为000），而不是“{input.Code}”", "node-code");
            }
            return new NetworkNode(input.Code, input.Name.Trim(), input.Level, null, null, input.Code);
        }

        if (input.ParentCode is null || !known.TryGetValue(input.ParentCode, out var parent))
        {
            var reason = input.ParentCode is not null && pending.ContainsKey(input.ParentCode) ? "层级不符" : "不存在";
            throw new DomainRuleException($"节点 {input.Code} 的上级节点“{input.ParentCode}”{reason}", "node-parent");
        }
        if ((int)parent.Level != (int)input.Level + 1)
        {
            throw new DomainRuleException($"节点 {input.Code}（{LevelName(input.Level)}）的上级应为{LevelName(input.Level + 1)}，而“{parent.Code}”是{LevelName(parent.Level)}", "node-parent");
        }
        string? villageCode = null;
        if (input.Level == MediationLevel.Village)
        {
            if (!DivisionCode.TryParse(input.Code, out var village) || village.Value.IsTown || village.Value.TownCode != parent.TownCode)
            {
                throw new DomainRuleException($"村居节点代码应为本镇村居的12位区划代码，而不是“{input.Code}”", "node-code");
            }
            villageCode = input.Code;
        }
        return new NetworkNode(input.Code, input.Name.Trim(), input.Level, parent.Code, villageCode, parent.TownCode);
    }

    /// <summary>
    /// The lowest node that can take a dispute of a village: the village's own node, or — when the
    /// village is not yet part of the network — the town's one-stop centre.
    /// </summary>
    public static NetworkNode? LowestNodeFor(string villageCode, IEnumerable<NetworkNode> candidates)
    {
        var list = candidates.ToList();
        return list.FirstOrDefault(n => n.VillageCode == villageCode)
            ?? list.FirstOrDefault(n => n.Level == MediationLevel.Town && n.TownCode == DivisionCode.Parse(villageCode).TownCode);
    }

    /// <summary>
    /// Reads a network from CSV with the header <c>code,name,level,parentCode</c>. The level may be written
    /// as 镇/管区/片区/村居 or Town/ManagementArea/Section/Village. Errors name the line.
    /// </summary>
    public static IReadOnlyList<NodeInput> ParseCsv(string text) =>
        CsvTable.Parse(text, "code", "name", "level", "parentCode")
            .Select(row => new NodeInput(row.Cells[0], row.Cells[1],
                ParseLevel(row.Cells[2]) ?? throw new DomainRuleException($"CSV 第{row.LineNumber}行的层级“{row.Cells[2]}”无效（镇/管区/片区/村居）", "csv-level"),
                row.Cells[3].Length == 0 ? null : row.Cells[3]))
            .ToList();

    private static MediationLevel? ParseLevel(string value) => value switch
    {
        "镇" => MediationLevel.Town,
        "管区" => MediationLevel.ManagementArea,
        "片区" => MediationLevel.Section,
        "村居" or "村" or "社区" => MediationLevel.Village,
        _ => Enum.TryParse<MediationLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(value, out _) ? level : null,
    };

    /// <summary>Renames a node or moves it under another node of the level above.</summary>
    public static NetworkNode Edit(NetworkNode node, string? name, string? parentCode, IReadOnlyCollection<NetworkNode> existing)
    {
        var others = existing.Where(n => n.Code != node.Code).ToList();
        var input = new NodeInput(node.Code, name ?? node.Name, node.Level, parentCode ?? node.ParentCode);
        return Import([input], others).Single();
    }

    public static string LevelName(MediationLevel level) => level switch
    {
        MediationLevel.Village => "村居",
        MediationLevel.Section => "片区",
        MediationLevel.ManagementArea => "管区",
        MediationLevel.Town => "镇",
        _ => level.ToString(),
    };
}
