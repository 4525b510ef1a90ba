using Zaili.Reporting.Domain;
using Zaili.SharedKernel;

namespace Zaili.Reporting.Tests;

public sealed class AnnualReportTests
{
    private static readonly DateTimeOffset Now = new(2023, 12, 29, 2, 0, 0, TimeSpan.Zero);

    private static FigureSet Figures(params (string Code, decimal Value)[] values) =>
        FigureCalculator.Compute("370302107000", 2023, Now, values.Select(v => new ContributionTotal(v.Code, 2023, null, null, v.Value, Now)).ToList());

    private static AnnualReport Draft() => AnnualReport.Draft("370302107000", "寨里镇", "中共寨里镇党委 寨里镇人民政府", 2023, Figures(), "staff", Now);

    private static ReportNarrative Written => new(null, new Dictionary<int, string>(), "一是学习。", "一是不足。", "一是安排。");

    [Fact]
    public void A_draft_is_approved_only_with_every_narrative_part_written()
    {
        var report = Draft();
        var missing = Assert.Throws<DomainRuleException>(() => report.Approve("主任", Now));
        Assert.Contains("二、党政主要负责人履行第一责任人职责情况", missing.Message);
        report.EditNarrative(Written);
        report.Approve("主任", Now);
        Assert.Equal(ReportStatus.Approved, report.Status);
    }

    [Fact]
    public void A_submitted_report_never_changes_and_a_new_version_carries_its_narrative()
    {
        var report = Draft();
        report.EditNarrative(Written);
        report.Approve("主任", Now);
        Assert.Throws<InvalidTransitionException>(() => report.EditNarrative(Written));
        report.Submit("镇长", Now);

        var edit = Assert.Throws<InvalidTransitionException>(() => report.EditNarrative(Written));
        Assert.Equal(["NewVersion"], edit.Allowed);
        Assert.Throws<InvalidTransitionException>(() => report.RefreshFigures(Figures()));
        Assert.Throws<InvalidTransitionException>(() => report.Submit("镇长", Now));

        var next = report.NextVersion(Figures(), "staff", Now.AddDays(1));
        Assert.Equal(2, next.Version);
        Assert.Equal(ReportStatus.Draft, next.Status);
        Assert.Equal(Written.Leadership, next.Narrative.Leadership);
    }

    [Fact]
    public void Supplements_belong_to_the_five_parts_only()
    {
        var report = Draft();
        Assert.Throws<DomainRuleException>(() => report.EditNarrative(Written with { Supplements = new Dictionary<int, string> { [6] = "x" } }));
    }

    [Fact]
    public void A_report_for_a_year_not_yet_begun_is_refused() =>
        Assert.Throws<DomainRuleException>(() => AnnualReport.Draft("370302107000", "寨里镇", "寨里镇人民政府", 2024,
            FigureCalculator.Compute("370302107000", 2024, Now, []), "staff", Now));
}

public sealed class ReportWriterTests
{
    private static readonly DateTimeOffset Now = new(2023, 12, 29, 2, 0, 0, TimeSpan.Zero);

    private static ContributionTotal C(string figure, decimal amount, string? key = null, string? label = null, int order = 0) =>
        new(figure, 2023, key, label ?? key, amount, Now.AddMinutes(order));

    [Fact]
    public void The_2023_figures_read_as_the_source_report_states_them()
    {
        var figures = FigureCalculator.Compute("370302107000", 2023, Now,
        [
            C(FigureCatalogue.StateStaffEnrolled, 1, "a"), C(FigureCatalogue.StateStaffSat, 1, "a"), C(FigureCatalogue.StateStaffPassed, 1, "a"),
            C(FigureCatalogue.Officers, 41),
            C(FigureCatalogue.LawsuitHearings, 2), C(FigureCatalogue.LawsuitHeadAppeared, 2),
            C(FigureCatalogue.Materials, 3050), C(FigureCatalogue.Activities, 1, "NationalSecurityEducationDay", "4.15国家安全教育日"),
            .. Enumerable.Range(0, 22).Select(i => C(FigureCatalogue.LawsCovered, 1, $"law{i}")),
            C(FigureCatalogue.DisputesResolved, 457, "Village", "村居"),
            C(FigureCatalogue.PilotVillages, 1, "y", "袁家村", 1), C(FigureCatalogue.PilotVillages, 1, "d", "东苑社区", 2),
            .. Enumerable.Range(0, 12).Select(i => C(FigureCatalogue.PilotVillages, 1, $"v{i}", $"村{i}", 3 + i)),
            C(FigureCatalogue.Visits, 30_100), C(FigureCatalogue.Warnings, 104), C(FigureCatalogue.AppealsCollected, 412), C(FigureCatalogue.AppealsSolved, 213),
            C(FigureCatalogue.DisputesHandled, 153),
        ]);
        var report = AnnualReport.Draft("370302107000", "寨里镇", "中共寨里镇党委 寨里镇人民政府", 2023, figures, "staff", Now);
        var markdown = ReportWriter.ToMarkdown(ReportWriter.Compose(report));

        Assert.Contains("镇办领导干部参与率、及格率均达到100%", markdown);
        Assert.Contains("目前本单位有41名行政执法人员", markdown);
        Assert.Contains("实现了行政机关负责人出庭应诉率100%", markdown);
        Assert.Contains("等二十多部法律，发放宣传材料3000余份", markdown);
        Assert.Contains("截至2023年底，共化解矛盾纠纷457起", markdown);
        Assert.Contains("已完成袁家村、东苑社区等14个先行示范村居", markdown);
        Assert.Contains("开展入户走访3万余次，上报预警信息100余条，收集群众诉求400余条，解决群众困难200余个，妥善处置各类矛盾纠纷153起", markdown);
        Assert.Contains("## 四、2024年推进法治政府建设的主要安排", markdown);
        Assert.Contains("2023年12月29日", markdown);
    }

    [Fact]
    public void A_part_with_nothing_counted_states_nothing_rather_than_zero()
    {
        var report = AnnualReport.Draft("370302107000", "寨里镇", "寨里镇人民政府", 2023, FigureCalculator.Compute("370302107000", 2023, Now, []), "staff", Now);
        var markdown = ReportWriter.ToMarkdown(ReportWriter.Compose(report));
        Assert.DoesNotContain("0起", markdown);
        Assert.DoesNotContain("0名", markdown);
    }

    [Fact]
    public void Staff_text_is_escaped_in_the_printable_document()
    {
        var report = AnnualReport.Draft("370302107000", "寨里镇", "寨里镇人民政府", 2023, FigureCalculator.Compute("370302107000", 2023, Now, []), "staff", Now);
        report.EditNarrative(new ReportNarrative("<script>alert(1)</script>", new Dictionary<int, string>(), "a", "b", "c"));
        var html = ReportWriter.ToHtml(ReportWriter.Compose(report));
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;", html);
    }
}

public sealed class WebhookSignatureTests
{
    [Fact]
    public void A_signature_verifies_with_the_secret_and_not_with_another_or_after_tampering()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var signature = WebhookSignature.Sign("secret-of-the-district-0123456789", now.ToUnixTimeSeconds(), "{\"a\":1}");
        Assert.StartsWith("sha256=", signature);
        Assert.True(WebhookSignature.Verify("secret-of-the-district-0123456789", now.ToUnixTimeSeconds(), "{\"a\":1}", signature, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another-secret-of-the-district-01", now.ToUnixTimeSeconds(), "{\"a\":1}", signature, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("secret-of-the-district-0123456789", now.ToUnixTimeSeconds(), "{\"a\":2}", signature, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("secret-of-the-district-0123456789", now.ToUnixTimeSeconds(), "{\"a\":1}", signature, now.AddMinutes(10), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Retries_double_up_to_the_cap_and_end_in_the_dead_letter_list()
    {
        var policy = new WebhookRetryPolicy(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), 5);
        Assert.Equal(TimeSpan.FromSeconds(5), policy.NextDelay(1, 0));
        Assert.Equal(TimeSpan.FromSeconds(10), policy.NextDelay(2, 0));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.NextDelay(4, 0));
        Assert.Equal(TimeSpan.FromSeconds(6), policy.NextDelay(1, 1));
        Assert.Null(policy.NextDelay(5, 0));
    }
}

public sealed class WordDocumentTests
{
    [Fact]
    public void The_Word_document_holds_the_report_text_and_the_figures_table()
    {
        var now = new DateTimeOffset(2023, 12, 29, 2, 0, 0, TimeSpan.Zero);
        var figures = FigureCalculator.Compute("370302107000", 2023, now, [new(FigureCatalogue.DisputesResolved, 2023, "Village", "村居", 457, now)]);
        var report = AnnualReport.Draft("370302107000", "寨里镇", "寨里镇人民政府", 2023, figures, "staff", now);

        var bytes = WordDocument.Render(ReportWriter.Compose(report));

        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var text = word.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("关于2023年度法治政府建设工作的报告", text);
        Assert.Contains("共化解矛盾纠纷457起", text);
        Assert.Single(word.MainDocumentPart.Document.Body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>());
    }
}
