using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Zaili.SharedKernel;

/// <summary>
/// 居民身份证号 (GB 11643-1999): 17 digits (6 address code, 8 birth date, 3 sequence) and a check
/// character by ISO 7064 MOD 11-2 ('X' stands for 10).
/// </summary>
public sealed record ResidentIdentityNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public string Value { get; }
    public DateOnly BirthDate { get; }

    private ResidentIdentityNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    public static bool TryParse(string? input, [NotNullWhen(true)] out ResidentIdentityNumber? number, out string? error)
    {
        number = null;
        var candidate = input?.Trim().ToUpperInvariant();
        if (candidate is null || candidate.Length != 18)
        {
            error = "居民身份证号应为18位";
            return false;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(candidate[i]))
            {
                error = "居民身份证号前17位应为数字";
                return false;
            }
        }
        if (!DateOnly.TryParseExact(candidate.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1800)
        {
            error = "居民身份证号中的出生日期无效";
            return false;
        }
        if (candidate[17] != CheckCharacterOf(candidate.AsSpan(0, 17)))
        {
            error = "居民身份证号校验码错误";
            return false;
        }
        error = null;
        number = new ResidentIdentityNumber(candidate, birth);
        return true;
    }

    public static ResidentIdentityNumber Parse(string input) =>
        TryParse(input, out var number, out var error) ? number : throw new FormatException(error);

    /// <summary>The check character (ISO 7064 MOD 11-2) for the first 17 digits.</summary>
    public static char CheckCharacterOf(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>Masked for display outside its owner's service: 3702**********123X.</summary>
    public string Masked => Mask(Value);

    public static string Mask(string value) =>
        value.Length < 8 ? new string('*', value.Length) : value[..4] + new string('*', value.Length - 8) + value[^4..];

    public override string ToString() => Masked;
}

/// <summary>Validates a string property as a GB 11643 identity number.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class ResidentIdentityNumberAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null)
        {
            return ValidationResult.Success;
        }
        return ResidentIdentityNumber.TryParse(value as string, out _, out var error)
            ? ValidationResult.Success
            : new ValidationResult(error, validationContext.MemberName is { } member ? [member] : null);
    }
}
