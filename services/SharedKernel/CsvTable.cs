namespace Zaili.SharedKernel;

/// <summary>
/// The platform's CSV imports: a header line naming the columns (checked, case and spaces ignored, a
/// byte-order mark allowed), then one record a line, comma-separated, blank lines skipped. Errors name
/// the line, as staff see them in the spreadsheet they exported.
/// </summary>
public static class CsvTable
{
    public sealed record Row(int LineNumber, string[] Cells);

    public static IReadOnlyList<Row> Parse(string text, params string[] columns)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).ToList();
        var expected = string.Join(',', columns).ToLowerInvariant();
        var header = lines.FirstOrDefault()?.TrimStart('\uFEFF').Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        if (header != expected)
        {
            throw new DomainRuleException($"CSV 第1行应为表头 {string.Join(',', columns)}", "csv-header");
        }
        var rows = new List<Row>();
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }
            var cells = lines[i].Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != columns.Length)
            {
                throw new DomainRuleException($"CSV 第{i + 1}行应有{columns.Length}列，实际为{cells.Length}列", "csv-columns");
            }
            rows.Add(new Row(i + 1, cells));
        }
        if (rows.Count == 0)
        {
            throw new DomainRuleException("CSV 中没有数据行", "csv-empty");
        }
        return rows;
    }
}

/// <summary>The paging every list endpoint takes.</summary>
public static class Paging
{
    public const int MaxLimit = 500;

    public static void Check(int limit, int offset)
    {
        if (limit is < 1 or > MaxLimit || offset < 0)
        {
            throw new DomainRuleException($"limit 应在1至{MaxLimit}之间，offset 不能为负", "paging");
        }
    }
}
