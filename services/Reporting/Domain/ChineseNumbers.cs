using System.Globalization;

namespace Zaili.Reporting.Domain;

/// <summary>Numbers the way the town's report writes them: 3000余, 3万余, 二十多, 100%.</summary>
public static class ChineseNumbers
{
    private static readonly string[] Digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>
    /// A round figure with 余 or 多 when the count is not round, as the source does for counts it does not
    /// state exactly: 30,100 → 3万余; 3,050 → 3000余; 412 → 400余; 22 → 二十多; 7 → 7.
    /// </summary>
    public static string About(decimal value)
    {
        var n = (long)Math.Floor(value);
        if (n < 10)
        {
            return n.ToString(CultureInfo.InvariantCulture);
        }
        if (n < 100)
        {
            var tens = n / 10;
            var words = (tens == 1 ? "" : Digits[tens]) + "十";
            return n % 10 == 0 ? words : words + "多";
        }
        if (n >= 10_000)
        {
            var wan = n / 10_000;
            return n % 10_000 == 0 ? $"{wan}万" : $"{wan}万余";
        }
        var place = (long)Math.Pow(10, Math.Floor(Math.Log10(n)));
        var round = n / place * place;
        return round == n ? n.ToString(CultureInfo.InvariantCulture) : $"{round}余";
    }

    public static string Exact(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A rate as the report states it: 100%, 98.5%.</summary>
    public static string Percent(decimal? rate) =>
        rate is { } r ? (r * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>A date as official documents write it: 2023年12月29日.</summary>
    public static string Date(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";
}
