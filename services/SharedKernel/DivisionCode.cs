using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace Zaili.SharedKernel;

/// <summary>
/// A 12-digit statistical division code (统计用区划代码): 6 digits of the GB/T 2260 county code,
/// 3 of the town, 3 of the village. A town's own code ends in 000.
/// </summary>
public readonly record struct DivisionCode
{
    public string Value { get; }

    private DivisionCode(string value) => Value = value;

    public static bool TryParse(string? input, [NotNullWhen(true)] out DivisionCode? code)
    {
        code = null;
        var candidate = input?.Trim();
        if (candidate is null || candidate.Length != 12 || !candidate.All(char.IsAsciiDigit))
        {
            return false;
        }
        code = new DivisionCode(candidate);
        return true;
    }

    public static DivisionCode Parse(string input) =>
        TryParse(input, out var code) ? code.Value : throw new FormatException("区划代码应为12位数字");

    public string CountyCode => Value[..6];

    /// <summary>The code of the town (乡镇) this division lies in.</summary>
    public string TownCode => Value[..9] + "000";

    public bool IsTown => Value.EndsWith("000", StringComparison.Ordinal);

    /// <summary>A town's own code (末三位为000), or a 422 that says so.</summary>
    public static DivisionCode RequireTown(string? input) =>
        TryParse(input, out var code) && code.Value.IsTown
            ? code.Value
            : throw new DomainRuleException("townCode 应为镇的12位区划代码（末三位为000）", "town-code");

    public override string ToString() => Value;
}

/// <summary>The refusals every service gives for a village it does not know.</summary>
public static class VillageErrors
{
    public static DomainRuleException Unknown(string? code) => new($"村居 {code} 不在村居名录中", "village-unknown");
}

/// <summary>Validates a string property as a 12-digit statistical division code.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class DivisionCodeAttribute : ValidationAttribute
{
    public DivisionCodeAttribute() : base("区划代码应为12位数字") { }

    public override bool IsValid(object? value) => value is null || DivisionCode.TryParse(value as string, out _);
}
