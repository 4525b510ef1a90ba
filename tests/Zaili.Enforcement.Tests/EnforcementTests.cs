using Zaili.Enforcement.Domain;
using Zaili.SharedKernel;

namespace Zaili.Enforcement.Tests;

public class CertificateTests
{
    private static readonly DateOnly Today = new(2026, 5, 6);

    [Fact]
    public void A_certificate_needs_a_law_exam_passed_this_year()
    {
        Assert.Equal("certificate-no-exam", Assert.Throws<DomainRuleException>(() => Certificate.Issue(Guid.NewGuid(), "鲁淄执0012345", Today.AddYears(3), false, Today)).Code);
        Assert.True(Certificate.Issue(Guid.NewGuid(), "鲁淄执0012345", Today.AddYears(3), true, Today).IsValidOn(Today));
    }

    [Fact]
    public void The_annual_review_suspends_a_certificate_without_a_passed_exam_that_year()
    {
        var certificate = Certificate.Issue(Guid.NewGuid(), "鲁淄执0012345", Today.AddYears(3), true, Today);

        certificate.AnnualReview(2027, passedExamThatYear: false);
        Assert.Equal(CertificateStatus.Suspended, certificate.Status);
        Assert.False(certificate.IsValidOn(new DateOnly(2027, 6, 1)));

        certificate.AnnualReview(2028, passedExamThatYear: true);
        Assert.True(certificate.IsValidOn(new DateOnly(2028, 6, 1)));
        Assert.Throws<DomainRuleException>(() => certificate.AnnualReview(2028, true));
    }

    [Fact]
    public void Validity_ends_with_the_period_and_with_revocation()
    {
        var certificate = Certificate.Issue(Guid.NewGuid(), "鲁淄执0012345", Today.AddYears(1), true, Today);
        Assert.False(certificate.IsValidOn(Today.AddYears(1).AddDays(1)));

        certificate.Revoke();
        Assert.False(certificate.IsValidOn(Today));
        Assert.Throws<InvalidTransitionException>(() => certificate.AnnualReview(2027, true));
    }
}

public class RecordChainTests
{
    private static readonly DateOnly Today = new(2026, 5, 6);
    private static readonly DateTimeOffset Now = new(2026, 5, 6, 1, 2, 3, TimeSpan.Zero);
    private static readonly Guid CaseId = Guid.NewGuid();

    [Fact]
    public void At_least_two_officers_each_with_a_certificate_valid_today()
    {
        var valid = Certificate.Issue(Guid.NewGuid(), "鲁淄执0000001", Today.AddYears(2), true, Today);
        var suspended = Certificate.Issue(Guid.NewGuid(), "鲁淄执0000002", Today.AddYears(2), true, Today);
        suspended.AnnualReview(Today.Year, false);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        Assert.Equal("case-two-officers", Code(() => RecordChain.EnsureOfficersMayAct([(a, "甲", valid), (a, "甲", valid)], Today)));
        Assert.Equal("case-certificate", Code(() => RecordChain.EnsureOfficersMayAct([(a, "甲", valid), (b, "乙", null)], Today)));
        Assert.Equal("case-certificate", Code(() => RecordChain.EnsureOfficersMayAct([(a, "甲", valid), (b, "乙", suspended)], Today)));
        RecordChain.EnsureOfficersMayAct([(a, "甲", valid), (b, "乙", valid)], Today);
    }

    private static List<CaseRecord> Chain()
    {
        var first = RecordChain.Append(CaseId, null, CaseStep.Register, "officer-1", "现场检查发现未设置安全警示标志", [], Now);
        var second = RecordChain.Append(CaseId, first, CaseStep.Investigate, "officer-2", "调取监控录像", [new string('a', 64)], Now.AddMinutes(5));
        var third = RecordChain.Append(CaseId, second, CaseStep.Decide, "officer-1", "责令限期整改", [], Now.AddHours(1));
        return [first, second, third];
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var chain = Chain();

        Assert.Equal(RecordChain.Genesis, chain[0].PreviousHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.True(RecordChain.Verify(CaseId, chain).Intact);
    }

    [Fact]
    public void An_edited_record_is_found_where_it_was_changed()
    {
        var chain = Chain();
        chain[1] = chain[1] with { Content = "调取监控录像（已删改）" };

        var result = RecordChain.Verify(CaseId, chain);

        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public void A_removed_or_reordered_record_breaks_the_chain()
    {
        var chain = Chain();
        Assert.Equal(2, RecordChain.Verify(CaseId, [chain[0], chain[2]]).BrokenAt);
        Assert.Equal(1, RecordChain.Verify(CaseId, [chain[1], chain[0], chain[2]]).BrokenAt);
        Assert.False(RecordChain.Verify(Guid.NewGuid(), chain).Intact); // records moved to another case
    }

    [Fact]
    public void Attachments_are_sha256_digests()
    {
        Assert.Equal("record-attachment", Code(() => RecordChain.Append(CaseId, null, CaseStep.Register, "o", "内容", ["not-a-hash"], Now)));
    }

    private static string? Code(Action action) => Assert.Throws<DomainRuleException>(action).Code;
}

public class DecisionRulesTests
{
    [Fact]
    public void A_major_decision_waits_for_an_approving_legal_review()
    {
        Assert.Equal(["LegalReview"], Assert.Throws<InvalidTransitionException>(() => DecisionRules.EnsureMayDecide(true, null, false)).Allowed);
        Assert.Throws<InvalidTransitionException>(() => DecisionRules.EnsureMayDecide(true, LegalOpinion.Revise, false));
        Assert.Throws<InvalidTransitionException>(() => DecisionRules.EnsureMayDecide(true, LegalOpinion.Reject, false));
        DecisionRules.EnsureMayDecide(true, LegalOpinion.Approve, false);
        DecisionRules.EnsureMayDecide(false, null, false);
        Assert.Throws<InvalidTransitionException>(() => DecisionRules.EnsureMayDecide(false, null, alreadyDecided: true));
    }

    [Fact]
    public void Publication_is_due_seven_working_days_after_the_decision_across_National_Day()
    {
        var calendar = new WorkingDayCalendar(
            Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d)).ToHashSet(),
            new HashSet<DateOnly> { new(2025, 9, 28), new(2025, 10, 11) });

        // Decided Thursday 25 September: 26, 28 (make-up Sunday), 29, 30, then 9, 10, 11 (make-up Saturday).
        Assert.Equal(new DateOnly(2025, 10, 11), DecisionRules.PublishDueOn(new DateOnly(2025, 9, 25), calendar));
    }

    [Theory]
    [InlineData("张三", true, "张*")]
    [InlineData("欧阳明月", true, "欧***")]
    [InlineData("淄博某化工有限公司", false, "淄博某化工有限公司")]
    public void Person_parties_are_masked_in_public(string name, bool isPerson, string shown)
    {
        Assert.Equal(shown, DecisionRules.PublicPartyName(name, isPerson));
    }
}

public class OversightTests
{
    [Fact]
    public void Appearance_and_loss_rates()
    {
        Assert.Equal(1m, Oversight.AppearanceRate(4, 4));
        Assert.Equal(0.5m, Oversight.AppearanceRate(4, 2));
        Assert.Null(Oversight.AppearanceRate(0, 0));
        Assert.Equal(0.25m, Oversight.LossRate(won: 3, lost: 1));
        Assert.Null(Oversight.LossRate(0, 0));
    }

    [Fact]
    public void A_document_is_reviewed_then_published_then_filed_within_thirty_days()
    {
        Assert.Throws<InvalidTransitionException>(() => Oversight.EnsureDocumentStep(DocumentStatus.Draft, DocumentStatus.Published));
        Assert.Throws<InvalidTransitionException>(() => Oversight.EnsureDocumentStep(DocumentStatus.Reviewed, DocumentStatus.Filed));
        Oversight.EnsureDocumentStep(DocumentStatus.Published, DocumentStatus.Filed);
        Assert.Equal(new DateOnly(2026, 3, 31), Oversight.FilingDueOn(new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void A_disclosure_is_answered_in_twenty_working_days_extended_once()
    {
        var calendar = new WorkingDayCalendar(Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d)).ToHashSet(), new HashSet<DateOnly> { new(2025, 10, 11) });
        var due = Oversight.DisclosureDueOn(new DateOnly(2025, 9, 26), calendar);
        Assert.Equal(new DateOnly(2025, 10, 31), due); // 26 Sep + 20 working days, over National Day with the 11 October make-up day

        var extended = Oversight.Extend(due, alreadyExtended: false, "需向第三方征求意见", new DateOnly(2025, 10, 20), calendar);
        Assert.Equal(new DateOnly(2025, 11, 28), extended);
        Assert.Equal("disclosure-extended", Assert.Throws<DomainRuleException>(() => Oversight.Extend(extended, true, "再延", new DateOnly(2025, 10, 20), calendar)).Code);
        Assert.Equal("disclosure-late-extension", Assert.Throws<DomainRuleException>(() => Oversight.Extend(due, false, "晚了", new DateOnly(2025, 11, 3), calendar)).Code);
    }
}
