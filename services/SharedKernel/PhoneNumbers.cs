using System.Text.RegularExpressions;

namespace Zaili.SharedKernel;

/// <summary>Chinese mobile (11 digits, 1[3-9]…) and landline (area code and number) phone numbers.</summary>
public static partial class PhoneNumbers
{
    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex Pattern();

    public static string Validate(string phone)
    {
        var number = phone.Trim();
        return Pattern().IsMatch(number)
            ? number
            : throw new DomainRuleException("联系电话应为11位手机号或带区号的固定电话", "phone");
    }

    /// <summary>138****1234: shown wherever the whole number is not needed.</summary>
    public static string Mask(string phone) =>
        phone.Length >= 7 ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..] : new string('*', phone.Length);
}
