using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace Zaili.SharedKernel;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set (digits and capital
/// letters without I, O, Z, S, V); the last is a MOD 31 check character over the first 17.
/// Position 1 is the registering authority, 2 the organisation kind, 3-8 the division code.
/// </summary>
public sealed record UnifiedSocialCreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public string Value { get; }

    private UnifiedSocialCreditCode(string value) => Value = value;

    public static bool TryParse(string? input, [NotNullWhen(true)] out UnifiedSocialCreditCode? code, out string? error)
    {
        code = null;
        var candidate = input?.Trim().ToUpperInvariant();
        if (candidate is null || candidate.Length != 18)
        {
            error = "统一社会信用代码应为18位";
            return false;
        }
        foreach (var character in candidate)
        {
            if (Alphabet.IndexOf(character) < 0)
            {
                error = $"统一社会信用代码含有无效字符“{character}”";
                return false;
            }
        }
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(candidate[i]))
            {
                error = "统一社会信用代码第3至8位应为行政区划代码";
                return false;
            }
        }
        if (candidate[17] != CheckCharacterOf(candidate.AsSpan(0, 17)))
        {
            error = "统一社会信用代码校验码错误";
            return false;
        }
        error = null;
        code = new UnifiedSocialCreditCode(candidate);
        return true;
    }

    public static UnifiedSocialCreditCode Parse(string input) =>
        TryParse(input, out var code, out var error) ? code : throw new FormatException(error);

    public static char CheckCharacterOf(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    public override string ToString() => Value;
}

/// <summary>Validates a string property as a GB 32100 unified social credit code.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class UnifiedSocialCreditCodeAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null)
        {
            return ValidationResult.Success;
        }
        return UnifiedSocialCreditCode.TryParse(value as string, out _, out var error)
            ? ValidationResult.Success
            : new ValidationResult(error, validationContext.MemberName is { } member ? [member] : null);
    }
}
