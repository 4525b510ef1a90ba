using System.Net;
using System.Text;
using Zaili.SharedKernel;
using static Zaili.Reporting.Domain.ChineseNumbers;
using static Zaili.Reporting.Domain.FigureCatalogue;

namespace Zaili.Reporting.Domain;

public sealed record ReportSection(string Heading, IReadOnlyList<ReportPart> Parts);

public sealed record ReportPart(string? Heading, IReadOnlyList<string> Paragraphs);

/// <summary>The report as a document, in the shape of the town's own report, before it is rendered.</summary>
public sealed record ReportDocument(
    string Title, string Addressee, string Opening, IReadOnlyList<ReportSection> Sections, string Closing, string Issuer, string Date,
    string Status, IReadOnlyList<FigureValue> Figures, int Year);

/// <summary>
/// Writes the report from a snapshot of figures and the staff's narrative. Counted sentences follow the
/// source's wording; a sentence whose figures are all zero is left out rather than stating nothing.
/// </summary>
public static class ReportWriter
{
    public static readonly IReadOnlyList<string> PartHeadings =
    [
        "（一）强化依法行政，狠抓领导干部学法用法",
        "（二）落实“谁执法谁普法”普法责任制，灵活多样开展法治宣传教育",
        "（三）扎实开展人民调解工作，着力化解矛盾纠纷",
        "（四）推进一村（社区）一法律顾问工作与落实重大事项合法性审查全覆盖工作、四清工作相结合",
        "（五）创新突破、先试先行，积极推进落实“十户长+”乡村治理新模式",
    ];

    public static ReportDocument Compose(AnnualReport report)
    {
        var f = report.Figures;
        var narrative = report.Narrative;
        var parts = new[] { LawfulAdministrationPart(f), LegalEducationPart(f), MediationPart(f), VillageReviewPart(f), GovernancePart(f) }
            .Select((sentences, index) =>
            {
                var paragraphs = sentences.Count == 0 ? new List<string>() : [string.Concat(sentences)];
                if (narrative.Supplements.TryGetValue(index + 1, out var supplement))
                {
                    paragraphs.AddRange(Paragraphs(supplement));
                }
                return new ReportPart(PartHeadings[index], paragraphs);
            })
            .ToList();

        var sections = new List<ReportSection>
        {
            new("一、推进法治政府建设的主要举措和成效", parts),
            new("二、党政主要负责人履行推进法治建设第一责任人职责情况", [new ReportPart(null, Paragraphs(narrative.Leadership))]),
            new("三、推进法治政府建设存在的不足和原因", [new ReportPart(null, Paragraphs(narrative.Shortcomings))]),
            new($"四、{report.Year + 1}年推进法治政府建设的主要安排", [new ReportPart(null, Paragraphs(narrative.NextYear))]),
        };
        var opening = string.IsNullOrWhiteSpace(narrative.Introduction)
            ? $"{report.Year}年{report.TownName}在区委、区政府的正确领导下，全面推进法治政府建设和普法依法治理工作，把各项工作纳入法治轨道。现将{report.Year}年度法治政府建设情况报告如下："
            : narrative.Introduction.Trim();
        var day = ChinaTime.DateOf(report.SubmittedAt ?? report.ApprovedAt ?? report.Figures.CountedAt);
        var status = report.Status switch
        {
            ReportStatus.Draft => $"草稿（第{report.Version}版，数据截至{Date(ChinaTime.DateOf(f.CountedAt))}）",
            ReportStatus.Approved => $"已审定（第{report.Version}版）",
            _ => $"已报送（第{report.Version}版）",
        };
        return new ReportDocument($"关于{report.Year}年度法治政府建设工作的报告", "区委、区政府：", opening, sections, "特此报告。",
            report.Issuer, Date(day), status, f.Figures, report.Year);
    }

    private static List<string> LawfulAdministrationPart(FigureSet f)
    {
        var sentences = new List<string>();
        if (f[StateStaffEnrolled] > 0)
        {
            var participation = f.Rate(StateStaffSat, StateStaffEnrolled);
            var pass = f.Rate(StateStaffPassed, StateStaffEnrolled);
            sentences.Add(participation == pass
                ? $"组织开展年度国家工作人员学法考法活动，镇办领导干部参与率、及格率均达到{Percent(participation)}。"
                : $"组织开展年度国家工作人员学法考法活动，镇办领导干部参与率达到{Percent(participation)}、及格率达到{Percent(pass)}。");
        }
        if (f[Officers] > 0)
        {
            var certificates = new List<string>();
            if (f[CertificatesIssued] > 0)
            {
                certificates.Add($"新申领执法证件{Exact(f[CertificatesIssued])}件");
            }
            if (f[CertificatesReviewPassed] + f[CertificatesReviewFailed] > 0)
            {
                certificates.Add($"行政执法证年审{Exact(f[CertificatesReviewPassed] + f[CertificatesReviewFailed])}件");
            }
            sentences.Add($"目前本单位有{Exact(f[Officers])}名行政执法人员" + (certificates.Count > 0 ? "，" + string.Join("、", certificates) : "") + "。");
        }
        if (f[EnforcementCasesClosed] > 0)
        {
            sentences.Add($"全年办结行政执法案件{Exact(f[EnforcementCasesClosed])}件，落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度。");
        }
        if (f[LawsuitHearings] > 0)
        {
            var sentence = $"实现了行政机关负责人出庭应诉率{Percent(f.Rate(LawsuitHeadAppeared, LawsuitHearings))}";
            if (f[LawsuitsDecided] > 0)
            {
                sentence += $"，行政诉讼败诉率{Percent(f.Rate(LawsuitsLost, LawsuitsDecided))}";
            }
            sentences.Add(sentence + "。");
        }
        return sentences;
    }

    private static List<string> LegalEducationPart(FigureSet f)
    {
        var sentences = new List<string>();
        if (f[Activities] > 0)
        {
            var kinds = Labels(f, Activities);
            var departments = Labels(f, ActivityDepartments).Take(4).ToList();
            var sentence = $"通过{string.Join("、", kinds)}等法治宣传活动";
            if (departments.Count > 0)
            {
                sentence += $"，组织{string.Join("、", departments)}等部门开展普法宣传教育";
            }
            if (f[LawsCovered] > 0)
            {
                var laws = Labels(f, LawsCovered).Take(6).Select(law => $"《{law}》");
                sentence += $"，集中宣传了{string.Join("、", laws)}等{About(f[LawsCovered])}部法律";
            }
            if (f[Materials] > 0)
            {
                sentence += $"，发放宣传材料{About(f[Materials])}份";
            }
            if (f[PeopleReached] > 0)
            {
                sentence += $"，受教育群众{About(f[PeopleReached])}人次";
            }
            sentences.Add(sentence + "。");
        }
        var squares = Labels(f, SquaresUpgraded);
        if (squares.Count > 0 || f[VillagesWithBoard] > 0)
        {
            var sentence = squares.Count > 0 ? $"今年新提升改造了{string.Join("、", squares)}" : "";
            if (f[VillagesWithBoard] > 0)
            {
                sentence += (sentence.Length > 0 ? "，" : "") + (f[VillagesWithBoard] >= f[Villages]
                    ? $"全镇{Exact(f[VillagesWithBoard])}个村（社区）全部设立法治宣传栏"
                    : $"全镇{Exact(f[Villages])}个村（社区）中{Exact(f[VillagesWithBoard])}个设立法治宣传栏");
            }
            sentences.Add(sentence + "，夯实了普法实体阵地。");
        }
        if (f[LiteracyEnrolled] > 0)
        {
            var groups = Labels(f, LiteracyEnrolled);
            sentences.Add($"组织{string.Join("、", groups)}参加法治素养考试，参与率{Percent(f.Rate(LiteracySat, LiteracyEnrolled))}、及格率{Percent(f.Rate(LiteracyPassed, LiteracyEnrolled))}。");
        }
        return sentences;
    }

    private static List<string> MediationPart(FigureSet f)
    {
        var sentences = new List<string>();
        if (f[GradeApplications] > 0)
        {
            sentences.Add($"开展人民调解员等级评定工作，有{Exact(f[GradeApplications])}名调解员分别申请了{string.Join("、", Labels(f, GradeApplications, byKey: true))}。");
        }
        if (f[Mediators] > 0)
        {
            sentences.Add($"对镇、村{Exact(f[Mediators])}名调解员信息进行公示。");
        }
        if (f[DisputesResolved] > 0 || f[CasesOpened] > 0)
        {
            var sentence = $"截至{f.Year}年底，共化解矛盾纠纷{Exact(f[DisputesResolved])}起";
            var levels = f.Find(DisputesResolved)?.Breakdown
                .OrderBy(share => LevelOrder(share.Key)).Select(share => $"{share.Label}{Exact(share.Value)}起").ToList() ?? [];
            if (levels.Count > 1)
            {
                sentence += $"，其中{string.Join("、", levels)}";
            }
            if (f[DisputesReferredOut] > 0)
            {
                sentence += $"，调解不成依法引导至诉讼、仲裁等途径{Exact(f[DisputesReferredOut])}起";
            }
            sentences.Add(sentence + "。");
        }
        return sentences;
    }

    private static List<string> VillageReviewPart(FigureSet f)
    {
        var sentences = new List<string>();
        if (f[VillagesWithCounsel] > 0)
        {
            sentences.Add(f[VillagesWithCounsel] >= f[Villages]
                ? $"全镇{Exact(f[VillagesWithCounsel])}个村（社区）全部配备法律顾问。"
                : $"全镇{Exact(f[Villages])}个村（社区）中{Exact(f[VillagesWithCounsel])}个配备法律顾问。");
        }
        if (f[MattersReviewed] > 0)
        {
            var sentence = $"村居法律顾问对村集体经济合同、村规民约、“三资”管理等重大事项出具合法性审查意见{Exact(f[MattersReviewed])}件";
            if (f[Rectifications] > 0)
            {
                sentence += $"，提出整改{Exact(f[Rectifications])}件";
            }
            if (f[MattersFiled] > 0)
            {
                sentence += $"，经审查合法后备案{Exact(f[MattersFiled])}件";
            }
            if (f[CampaignMattersFiled] > 0)
            {
                sentence += $"，其中四清过程中清理出的问题合同经整改、复审后备案{Exact(f[CampaignMattersFiled])}件";
            }
            sentences.Add(sentence + "。");
        }
        return sentences;
    }

    private static List<string> GovernancePart(FigureSet f)
    {
        if (f[PilotVillages] == 0 && f[Visits] == 0)
        {
            return [];
        }
        var clauses = new List<string>();
        if (f[Visits] > 0) clauses.Add($"开展入户走访{About(f[Visits])}次");
        if (f[Warnings] > 0) clauses.Add($"上报预警信息{About(f[Warnings])}条");
        if (f[AppealsCollected] > 0) clauses.Add($"收集群众诉求{About(f[AppealsCollected])}条");
        if (f[AppealsSolved] > 0) clauses.Add($"解决群众困难{About(f[AppealsSolved])}个");
        if (f[DisputesHandled] > 0) clauses.Add($"妥善处置各类矛盾纠纷{Exact(f[DisputesHandled])}起");
        var villages = Labels(f, PilotVillages).Take(2).ToList();
        var sentence = f[PilotVillages] > 0
            ? $"已完成{string.Join("、", villages)}{(f[PilotVillages] > villages.Count ? "等" : "")}{Exact(f[PilotVillages])}个先行示范村居的“十联户”组划分、“十户长”推选工作"
            : "";
        if (clauses.Count > 0)
        {
            sentence += (sentence.Length > 0 ? "，" : "") + "各先行示范村“十户长”" + string.Join("，", clauses);
        }
        return [sentence + "。"];
    }

    private static IReadOnlyList<string> Labels(FigureSet f, string code, bool byKey = false)
    {
        var shares = f.Find(code)?.Breakdown ?? [];
        return (byKey ? shares.OrderBy(s => s.Key, StringComparer.Ordinal) : shares.AsEnumerable()).Select(s => s.Label).ToList();
    }

    private static int LevelOrder(string level) => level switch { "Village" => 1, "Section" => 2, "ManagementArea" => 3, _ => 4 };

    private static List<string> Paragraphs(string? text) =>
        (text ?? "").Replace("\r\n", "\n").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();

    public static string ToMarkdown(ReportDocument document)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(document.Title).AppendLine();
        md.Append("> ").AppendLine(document.Status).AppendLine();
        md.AppendLine(document.Addressee).AppendLine();
        md.AppendLine(document.Opening).AppendLine();
        foreach (var section in document.Sections)
        {
            md.Append("## ").AppendLine(section.Heading).AppendLine();
            foreach (var part in section.Parts)
            {
                if (part.Heading is not null)
                {
                    md.Append("### ").AppendLine(part.Heading).AppendLine();
                }
                foreach (var paragraph in part.Paragraphs)
                {
                    md.AppendLine(paragraph).AppendLine();
                }
            }
        }
        md.AppendLine(document.Closing).AppendLine();
        md.AppendLine(document.Issuer).AppendLine();
        md.AppendLine(document.Date).AppendLine();
        md.AppendLine("---").AppendLine();
        md.AppendLine($"## 附表：主要数据（{document.Year}年与{document.Year - 1}年比较）").AppendLine();
        md.AppendLine("| 部分 | 指标 | 本年 | 上年 | 增减 |").AppendLine("|---|---|---:|---:|---:|");
        foreach (var figure in document.Figures)
        {
            md.AppendLine($"| {figure.Part} | {figure.Label}（{figure.Unit}） | {Exact(figure.Value)} | {Exact(figure.PreviousYear)} | {Change(figure)} |");
        }
        return md.ToString();
    }

    public static string ToHtml(ReportDocument document)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
        html.Append("<title>").Append(E(document.Title)).AppendLine("</title>");
        html.AppendLine("""
            <style>
              @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
              body { font-family: "FangSong", "STFangsong", "仿宋", serif; font-size: 16pt; line-height: 28pt; color: #000; max-width: 156mm; margin: 0 auto; }
              h1 { font-family: "SimHei", "黑体", sans-serif; font-size: 22pt; text-align: center; font-weight: normal; margin: 0 0 28pt; }
              h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
              h3 { font-family: "KaiTi", "楷体", serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
              p { margin: 0; text-indent: 2em; text-align: justify; }
              p.addressee { text-indent: 0; }
              p.issuer, p.date { text-align: right; text-indent: 0; padding-right: 2em; }
              .status { font-size: 10.5pt; color: #666; text-align: center; text-indent: 0; }
              table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 14pt; margin-top: 12pt; page-break-before: always; }
              th, td { border: 1px solid #000; padding: 2pt 4pt; } td.n { text-align: right; }
              @media print { .status { display: none; } }
            </style></head><body>
            """);
        html.Append("<p class=\"status\">").Append(E(document.Status)).AppendLine("</p>");
        html.Append("<h1>").Append(E(document.Title)).AppendLine("</h1>");
        html.Append("<p class=\"addressee\">").Append(E(document.Addressee)).AppendLine("</p>");
        html.Append("<p>").Append(E(document.Opening)).AppendLine("</p>");
        foreach (var section in document.Sections)
        {
            html.Append("<h2>").Append(E(section.Heading)).AppendLine("</h2>");
            foreach (var part in section.Parts)
            {
                if (part.Heading is not null)
                {
                    html.Append("<h3>").Append(E(part.Heading)).AppendLine("</h3>");
                }
                foreach (var paragraph in part.Paragraphs)
                {
                    html.Append("<p>").Append(E(paragraph)).AppendLine("</p>");
                }
            }
        }
        html.Append("<p>").Append(E(document.Closing)).AppendLine("</p>");
        html.Append("<p class=\"issuer\">").Append(E(document.Issuer)).AppendLine("</p>");
        html.Append("<p class=\"date\">").Append(E(document.Date)).AppendLine("</p>");
        html.Append("<table><caption>附表：主要数据（").Append(document.Year).Append("年与").Append(document.Year - 1).AppendLine("年比较）</caption>");
        html.AppendLine("<tr><th>部分</th><th>指标</th><th>本年</th><th>上年</th><th>增减</th></tr>");
        foreach (var figure in document.Figures)
        {
            html.Append("<tr><td>").Append(E(figure.Part)).Append("</td><td>").Append(E($"{figure.Label}（{figure.Unit}）"))
                .Append("</td><td class=\"n\">").Append(Exact(figure.Value)).Append("</td><td class=\"n\">").Append(Exact(figure.PreviousYear))
                .Append("</td><td class=\"n\">").Append(E(Change(figure))).AppendLine("</td></tr>");
        }
        html.AppendLine("</table></body></html>");
        return html.ToString();
    }

    private static string Change(FigureValue figure)
    {
        var sign = figure.Change > 0 ? "+" : "";
        return figure.ChangeRatio is { } ratio ? $"{sign}{Exact(figure.Change)}（{sign}{Percent(ratio)}）" : $"{sign}{Exact(figure.Change)}";
    }
}
