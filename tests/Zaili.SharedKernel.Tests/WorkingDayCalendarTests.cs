using Zaili.SharedKernel;

namespace Zaili.SharedKernel.Tests;

public class WorkingDayCalendarTests
{
    /// <summary>A National Day holiday as the State Council publishes one: 1–8 October off, two weekend make-up days.</summary>
    private static readonly WorkingDayCalendar NationalDay = new(
        Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d)).ToHashSet(),
        new HashSet<DateOnly> { new(2025, 9, 28), new(2025, 10, 11) });

    [Fact]
    public void Holidays_are_off_and_make_up_weekend_days_are_worked()
    {
        Assert.False(NationalDay.IsWorkingDay(new DateOnly(2025, 10, 1)));  // Wednesday, holiday
        Assert.True(NationalDay.IsWorkingDay(new DateOnly(2025, 9, 28)));   // Sunday, make-up day
        Assert.True(NationalDay.IsWorkingDay(new DateOnly(2025, 10, 11)));  // Saturday, make-up day
        Assert.False(NationalDay.IsWorkingDay(new DateOnly(2025, 10, 12))); // an ordinary Sunday
    }

    [Fact]
    public void Five_working_days_across_the_National_Day_holiday()
    {
        // From Friday 26 September: Sun 28 (make-up), Mon 29, Tue 30, then the holiday, then Thu 9, Fri 10.
        Assert.Equal(new DateOnly(2025, 10, 10), NationalDay.AddWorkingDays(new DateOnly(2025, 9, 26), 5));
        Assert.Equal(5, NationalDay.WorkingDaysBetween(new DateOnly(2025, 9, 26), new DateOnly(2025, 10, 10)));
    }

    [Fact]
    public void Without_data_weekdays_work()
    {
        Assert.Equal(new DateOnly(2026, 3, 9), WorkingDayCalendar.WeekendsOnly.AddWorkingDays(new DateOnly(2026, 3, 2), 5));
    }
}
