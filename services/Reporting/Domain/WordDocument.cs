using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Zaili.Reporting.Domain;

/// <summary>
/// The report as a Word document (.docx) in the layout of an official document: A4, 仿宋 三号 body
/// with a two-character first-line indent, 黑体 and 楷体 headings, the figures table on its own page.
/// </summary>
public static class WordDocument
{
    private const string BodyFont = "仿宋";
    private const string TitleFont = "方正小标宋简体";
    private const string HeadingFont = "黑体";
    private const string PartFont = "楷体";
    private const string BodySize = "32";   // half-points: 三号 (16 pt)
    private const string TitleSize = "44";  // 二号 (22 pt)

    public static byte[] Render(ReportDocument document)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(document.Title, TitleFont, TitleSize, JustificationValues.Center, indent: false));
            body.Append(Paragraph(document.Addressee, BodyFont, BodySize, JustificationValues.Left, indent: false));
            body.Append(Paragraph(document.Opening, BodyFont, BodySize, JustificationValues.Both, indent: true));
            foreach (var section in document.Sections)
            {
                body.Append(Paragraph(section.Heading, HeadingFont, BodySize, JustificationValues.Left, indent: true));
                foreach (var part in section.Parts)
                {
                    if (part.Heading is not null)
                    {
                        body.Append(Paragraph(part.Heading, PartFont, BodySize, JustificationValues.Left, indent: true));
                    }
                    foreach (var paragraph in part.Paragraphs)
                    {
                        body.Append(Paragraph(paragraph, BodyFont, BodySize, JustificationValues.Both, indent: true));
                    }
                }
            }
            body.Append(Paragraph(document.Closing, BodyFont, BodySize, JustificationValues.Both, indent: true));
            body.Append(Paragraph(document.Issuer, BodyFont, BodySize, JustificationValues.Right, indent: false));
            body.Append(Paragraph(document.Date, BodyFont, BodySize, JustificationValues.Right, indent: false));
            body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
            body.Append(Paragraph($"附表：主要数据（{document.Year}年与{document.Year - 1}年比较）", HeadingFont, "24", JustificationValues.Center, indent: false));
            body.Append(FiguresTable(document.Figures));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, string font, string size, JustificationValues justification, bool indent)
    {
        var properties = new ParagraphProperties(
            new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" },
            new Justification { Val = justification });
        if (indent)
        {
            properties.Append(new Indentation { FirstLineChars = 200 });
        }
        return new Paragraph(properties, new Run(RunProperties(font, size), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static RunProperties RunProperties(string font, string size) =>
        new(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font }, new FontSize { Val = size }, new FontSizeComplexScript { Val = size });

    private static Table FiguresTable(IReadOnlyList<FigureValue> figures)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        table.Append(Row(["部分", "指标", "本年", "上年", "增减"]));
        foreach (var figure in figures)
        {
            var sign = figure.Change > 0 ? "+" : "";
            table.Append(Row([figure.Part, $"{figure.Label}（{figure.Unit}）", ChineseNumbers.Exact(figure.Value), ChineseNumbers.Exact(figure.PreviousYear),
                sign + ChineseNumbers.Exact(figure.Change)]));
        }
        return table;
    }

    private static TableRow Row(IEnumerable<string> cells) =>
        new(cells.Select(cell => new TableCell(new Paragraph(new Run(RunProperties(BodyFont, "21"), new Text(cell))))));
}
