namespace Zaili.Reporting.Domain;

/// <summary>The contributions of one figure and key in one year, summed; what the read model hands the calculator.</summary>
public sealed record ContributionTotal(string Figure, int Year, string? Key, string? Label, decimal Amount, DateTimeOffset FirstSeen);

/// <summary>Turns summed contributions into each figure's value for a year and the year before.</summary>
public static class FigureCalculator
{
    public static FigureSet Compute(string townCode, int year, DateTimeOffset countedAt, IReadOnlyCollection<ContributionTotal> totals)
    {
        var byFigure = totals.ToLookup(t => t.Figure);
        var figures = FigureCatalogue.All.Select(definition =>
        {
            var rows = byFigure[definition.Code].ToList();
            return FigureValue.Of(definition, ValueOf(definition, rows, year), ValueOf(definition, rows, year - 1), Breakdown(definition, rows, year));
        }).ToList();
        return new FigureSet(townCode, year, countedAt, figures);
    }

    private static IEnumerable<ContributionTotal> InWindow(FigureDefinition definition, IEnumerable<ContributionTotal> rows, int year) =>
        definition.Aggregation is Aggregation.RunningSum or Aggregation.RunningDistinctKeys ? rows.Where(r => r.Year <= year) : rows.Where(r => r.Year == year);

    private static decimal ValueOf(FigureDefinition definition, IEnumerable<ContributionTotal> rows, int year)
    {
        var window = InWindow(definition, rows, year);
        return definition.Aggregation is Aggregation.DistinctKeys or Aggregation.RunningDistinctKeys
            ? DistinctKeys(window).Count()
            : window.Sum(r => r.Amount);
    }

    /// <summary>Keys whose contributions add up to more than nothing: a key taken back is not counted.</summary>
    private static IEnumerable<IGrouping<string, ContributionTotal>> DistinctKeys(IEnumerable<ContributionTotal> rows) =>
        rows.Where(r => r.Key is not null).GroupBy(r => r.Key!).Where(g => g.Sum(r => r.Amount) > 0);

    private static IReadOnlyList<FigureShare> Breakdown(FigureDefinition definition, IEnumerable<ContributionTotal> rows, int year)
    {
        var window = InWindow(definition, rows, year).Where(r => r.Key is not null).ToList();
        var distinct = definition.Aggregation is Aggregation.DistinctKeys or Aggregation.RunningDistinctKeys;
        return window.GroupBy(r => r.Key!)
            .Select(g => (Key: g.Key, Label: g.Select(r => r.Label).FirstOrDefault(l => l is not null) ?? g.Key, Total: g.Sum(r => r.Amount), First: g.Min(r => r.FirstSeen)))
            .Where(s => s.Total > 0)
            .OrderBy(s => s.First).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new FigureShare(s.Key, s.Label, distinct ? 1 : s.Total))
            .ToList();
    }
}
