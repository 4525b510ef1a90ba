namespace Zaili.SharedKernel;

/// <summary>
/// The town's calendar is China Standard Time (UTC+8, no daylight saving). Dates people write — an
/// agreement's signing day, a training day, a report period — are days in this calendar, not UTC days:
/// at 03:00 in Zibo it is still the previous day in UTC.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>The instants a period of whole days covers, from the start of <paramref name="from"/> to the end of <paramref name="to"/>.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Period(DateOnly from, DateOnly to) =>
        to < from
            ? throw new DomainRuleException("统计区间的结束日期不能早于开始日期", "period")
            : (StartOf(from), StartOf(to.AddDays(1)));
}
