using Zaili.SharedKernel;

namespace Zaili.Governance.Domain;

/// <summary>A village or community (村居) of a town, identified by its statistical division code.</summary>
public sealed record Village(string Code, string TownCode, string Name, bool IsPilot)
{
    public static Village Create(string code, string name, bool isPilot)
    {
        if (!DivisionCode.TryParse(code, out var division) || division.Value.IsTown)
        {
            throw new DomainRuleException($"“{code}”不是有效的村居区划代码（12位数字，末三位不为000）", "village-code");
        }
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 50)
        {
            throw new DomainRuleException("村居名称不能为空且不超过50字", "village-name");
        }
        return new Village(division.Value.Value, division.Value.TownCode, trimmed, isPilot);
    }
}
