using Zaili.SharedKernel;
using Zaili.VillageReview.Domain;

namespace Zaili.VillageReview.Tests;

public class MajorMatterTests
{
    private const string Village = "370302107201";
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero); // 10:00 in Zibo
    private static readonly LegalCounsel OwnCounsel = LegalCounsel.Contract(Village, "陈律师", "山东某律师事务所", "13703201810123456", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), Monday);
    private static readonly LegalCounsel OtherCounsel = LegalCounsel.Contract("370302107202", "周律师", "山东某律师事务所", "13703201810654321", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), Monday);

    private static ContractTerms Lease(int years) => new(new Counterparty("淄博某农业有限公司", "91350100M000100Y43", null), 120_000m,
        new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 1).AddYears(years), LeasesCollectiveLand: true);

    private static MajorMatter Submit(ContractTerms? terms = null) =>
        MajorMatter.Submit(Village, MatterKind.CollectiveEconomicContract, "土地流转合同", terms ?? Lease(10), null, WorkingDayCalendar.WeekendsOnly, Monday);

    [Fact]
    public void A_review_is_due_in_five_working_days()
    {
        Assert.Equal(new DateOnly(2026, 3, 9), Submit().ReviewDueOn); // Monday + 5 working days = next Monday
        Assert.False(Submit().IsReviewOverdue(new DateOnly(2026, 3, 9)));
        Assert.True(Submit().IsReviewOverdue(new DateOnly(2026, 3, 10)));
    }

    [Fact]
    public void Only_the_villages_own_counsel_in_force_reviews()
    {
        var matter = Submit();
        Assert.Equal("review-not-own-counsel", Assert.Throws<DomainRuleException>(() => matter.Review(OtherCounsel, Opinion.Lawful, "合同内容合法", [], Monday)).Code);

        var expired = LegalCounsel.Contract(Village, "陈律师", "山东某律师事务所", "13703201810123456", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), Monday);
        Assert.Equal("review-counsel-expired", Assert.Throws<DomainRuleException>(() => matter.Review(expired, Opinion.Lawful, "合同内容合法", [], Monday)).Code);
        Assert.Equal(MatterStatus.AwaitingReview, matter.Status);
    }

    [Fact]
    public void Rectification_needs_a_new_version_which_is_reviewed_again_then_filed()
    {
        var matter = Submit();
        matter.Review(OwnCounsel, Opinion.Rectify, "违约责任条款不明确", ["民法典第五百七十七条"], Monday.AddDays(1));
        Assert.Equal(MatterStatus.RectificationRequired, matter.Status);
        Assert.Throws<InvalidTransitionException>(() => matter.File(1, Monday.AddDays(1)));

        matter.Resubmit("土地流转合同（修改稿）", Lease(10), WorkingDayCalendar.WeekendsOnly, Monday.AddDays(2));
        Assert.Equal(2, matter.Version);
        Assert.Equal(MatterStatus.AwaitingReview, matter.Status);

        matter.Review(OwnCounsel, Opinion.Lawful, "已按意见修改，内容合法", [], Monday.AddDays(3));
        matter.File(7, Monday.AddDays(3));

        Assert.Equal(MatterStatus.Filed, matter.Status);
        Assert.Equal("370302107-BA-2026-0007", matter.FilingNumber);
    }

    [Fact]
    public void Filing_needs_a_lawful_opinion()
    {
        var awaiting = Submit();
        Assert.Throws<InvalidTransitionException>(() => awaiting.File(1, Monday));

        var unlawful = Submit();
        unlawful.Review(OwnCounsel, Opinion.Unlawful, "违反土地管理法", ["土地管理法第六十三条"], Monday);
        var error = Assert.Throws<InvalidTransitionException>(() => unlawful.File(1, Monday));
        Assert.Equal("Unlawful", error.CurrentState);
        Assert.Empty(error.Allowed);
    }

    [Fact]
    public void A_lease_of_collective_land_longer_than_twenty_years_is_flagged_and_cannot_be_found_lawful()
    {
        Assert.False(Submit(Lease(20)).FlaggedOverLeaseLimit);
        var matter = Submit(Lease(30));

        Assert.True(matter.FlaggedOverLeaseLimit);
        Assert.Equal("review-lease-limit", Assert.Throws<DomainRuleException>(() => matter.Review(OwnCounsel, Opinion.Lawful, "合法", [], Monday)).Code);
        matter.Review(OwnCounsel, Opinion.Rectify, "租期超过二十年", ["民法典第七百零五条"], Monday);
    }

    [Fact]
    public void An_adverse_opinion_cites_provisions()
    {
        Assert.Equal("review-provisions", Assert.Throws<DomainRuleException>(() => Submit().Review(OwnCounsel, Opinion.Rectify, "需要修改", [], Monday)).Code);
    }

    [Fact]
    public void Only_contracts_carry_contract_terms()
    {
        Assert.Throws<DomainRuleException>(() => MajorMatter.Submit(Village, MatterKind.CollectiveEconomicContract, "合同", null, null, WorkingDayCalendar.WeekendsOnly, Monday));
        Assert.Throws<DomainRuleException>(() => MajorMatter.Submit(Village, MatterKind.VillageRules, "村规民约", Lease(5), null, WorkingDayCalendar.WeekendsOnly, Monday));
        Assert.Equal(MatterStatus.AwaitingReview, MajorMatter.Submit(Village, MatterKind.VillageRules, "村规民约（修订）", null, null, WorkingDayCalendar.WeekendsOnly, Monday).Status);
    }
}
