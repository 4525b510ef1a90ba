using Zaili.Reporting.Domain;
using Zaili.SharedKernel;

namespace Zaili.Reporting.Tests;

public sealed class MonthlyTrendTests
{
    private static readonly FigureDefinition Flow = FigureCatalogue.All.First(f => f.Aggregation == Aggregation.Sum);
    private static readonly FigureDefinition Stock = FigureCatalogue.All.First(f => f.Aggregation == Aggregation.RunningSum);

    [Fact]
    public void Months_without_events_are_zero_and_the_months_add_up_to_the_year()
    {
        var trend = MonthlyTrend.Of(Flow, 2023, [(1, 3m), (3, 2m), (12, 5m)]);
        Assert.Equal([3m, 0m, 2m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 5m], trend.Months);
        Assert.Equal(10m, trend.Total);
        Assert.Equal(Flow.Code, trend.Figure);
    }

    [Fact]
    public void A_stock_has_no_monthly_trend()
    {
        var refused = Assert.Throws<DomainRuleException>(() => MonthlyTrend.Of(Stock, 2023, []));
        Assert.Contains(Stock.Label, refused.Message);
    }

    [Fact]
    public void A_month_outside_the_calendar_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MonthlyTrend.Of(Flow, 2023, [(13, 1m)]));
    }
}
