using Zaili.SharedKernel;

namespace Zaili.Reporting.Domain;

/// <summary>A flow figure month by month through a year: the chart of 党政办's trend, from the same contributions as the year's value.</summary>
public sealed record MonthlyTrend(string Figure, string Label, string Unit, int Year, IReadOnlyList<decimal> Months, decimal Total)
{
    /// <summary>Twelve months, January first; a month without events is 0. Only flows have a trend: a stock or a count of distinct keys is refused.</summary>
    public static MonthlyTrend Of(FigureDefinition figure, int year, IEnumerable<(int Month, decimal Amount)> amounts)
    {
        if (figure.Aggregation != Aggregation.Sum)
        {
            throw new DomainRuleException($"指标“{figure.Label}”是存量或去重计数，没有月度走势", "trend-not-a-flow");
        }
        var months = new decimal[12];
        foreach (var (month, amount) in amounts)
        {
            if (month is < 1 or > 12)
            {
                throw new ArgumentOutOfRangeException(nameof(amounts), month, "a month is 1 to 12");
            }
            months[month - 1] += amount;
        }
        return new MonthlyTrend(figure.Code, figure.Label, figure.Unit, year, months, months.Sum());
    }
}
