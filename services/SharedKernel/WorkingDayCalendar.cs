namespace Zaili.SharedKernel;

/// <summary>
/// Working days by the State Council's holiday schedule, which is published year by year and so is
/// data, not code: public holidays that fall on weekdays are days off, and make-up working days (调休)
/// that fall on weekends are working days. Without entries for a date, Monday to Friday work.
/// </summary>
public sealed class WorkingDayCalendar(IReadOnlySet<DateOnly> holidays, IReadOnlySet<DateOnly> makeUpWorkingDays)
{
    public static readonly WorkingDayCalendar WeekendsOnly = new(new HashSet<DateOnly>(), new HashSet<DateOnly>());

    public bool IsWorkingDay(DateOnly day) =>
        makeUpWorkingDays.Contains(day) || (!holidays.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>The day on which <paramref name="workingDays"/> working days after <paramref name="start"/> end (the start day not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }
        return count;
    }
}
