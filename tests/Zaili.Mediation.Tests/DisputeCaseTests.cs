using Zaili.Contracts;
using Zaili.Mediation.Domain;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Tests;

public class DisputeCaseTests
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly NetworkNode VillageNode = new("370302107201", "袁家村调委会", MediationLevel.Village, "PQ-01", "370302107201", "370302107000");

    private static DisputeCase OpenCase() => DisputeCase.OpenFromReport(
        new DisputeReported(Guid.NewGuid(), "370302107201", "370302107000", 2, DisputeCategory.Neighbourhood, "排水沟纠纷", "head-1", Opened),
        VillageNode, Opened);

    [Fact]
    public void A_report_opens_a_case_at_the_given_node()
    {
        var opened = OpenCase();

        Assert.Equal(CaseStatus.Open, opened.Status);
        Assert.Equal(CaseSource.TenHouseholdReport, opened.Source);
        Assert.Equal(VillageNode.Code, opened.NodeCode);
        Assert.Equal(MediationLevel.Village, opened.Level);
        Assert.Equal([CaseAction.RecordAgreement], DisputeCase.AllowedActions(opened.Status));
    }

    [Fact]
    public void An_agreement_resolves_the_case_and_says_where_and_how_long()
    {
        var disputeCase = OpenCase();
        var now = Opened.AddDays(12).AddHours(3);

        var resolved = disputeCase.RecordAgreement("  双方同意共同清理排水沟  ", DateOnly.FromDateTime(now.UtcDateTime), now);

        Assert.Equal(CaseStatus.Resolved, disputeCase.Status);
        Assert.Equal("双方同意共同清理排水沟", resolved.AgreementSummary);
        Assert.Equal(MediationLevel.Village, resolved.ResolvedAtLevel);
        Assert.Equal(12, resolved.DaysOpen);
        Assert.Equal(disputeCase.SourceReportId, resolved.SourceReportId);
    }

    [Fact]
    public void A_second_agreement_is_an_invalid_transition_listing_what_is_allowed()
    {
        var disputeCase = OpenCase();
        disputeCase.RecordAgreement("协议", DateOnly.FromDateTime(Opened.UtcDateTime), Opened.AddHours(1));

        var error = Assert.Throws<InvalidTransitionException>(() =>
            disputeCase.RecordAgreement("再签", DateOnly.FromDateTime(Opened.UtcDateTime), Opened.AddHours(2)));

        Assert.Equal("Resolved", error.CurrentState);
        Assert.Empty(error.Allowed);
    }

    [Theory]
    [InlineData(-1)] // before the case was opened
    [InlineData(2)]  // in the future
    public void The_signing_date_lies_between_opening_and_today(int daysFromOpening)
    {
        var disputeCase = OpenCase();
        var now = Opened.AddHours(5);

        var error = Assert.Throws<DomainRuleException>(() =>
            disputeCase.RecordAgreement("协议", DateOnly.FromDateTime(Opened.UtcDateTime).AddDays(daysFromOpening), now));
        Assert.Equal("agreement-date", error.Code);
        Assert.Equal(CaseStatus.Open, disputeCase.Status);
    }

    [Fact]
    public void Empty_terms_are_refused()
    {
        var disputeCase = OpenCase();

        Assert.Throws<DomainRuleException>(() => disputeCase.RecordAgreement("   ", DateOnly.FromDateTime(Opened.UtcDateTime), Opened));
    }
}
