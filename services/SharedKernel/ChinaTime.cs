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
}
