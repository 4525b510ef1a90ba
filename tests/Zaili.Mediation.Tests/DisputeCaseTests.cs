using Microsoft.Extensions.Time.Testing;
using Zaili.Contracts;
using Zaili.Mediation.Domain;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Tests;

public class DisputeCaseTests
{
    private const string Town = "370302107000";
    private static readonly NetworkNode TownNode = new(Town, "一站式矛盾纠纷调解中心", MediationLevel.Town, null, null, Town);
    private static readonly NetworkNode AreaNode = new("GQ-01", "第一管区", MediationLevel.ManagementArea, Town, null, Town);
    private static readonly NetworkNode SectionNode = new("PQ-01", "第一片区", MediationLevel.Section, "GQ-01", null, Town);
    private static readonly NetworkNode VillageNode = new("370302107201", "袁家村调委会", MediationLevel.Village, "PQ-01", "370302107201", Town);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    private DisputeCase OpenCase(NetworkNode? node = null) => DisputeCase.OpenFromReport(
        new DisputeReported(Guid.NewGuid(), "370302107201", Town, 2, DisputeCategory.Neighbourhood, "排水沟纠纷", "head-1", _clock.GetUtcNow()),
        node ?? VillageNode, _clock.GetUtcNow());

    private DateOnly Today => ChinaTime.DateOf(_clock.GetUtcNow());

    [Fact]
    public void A_report_opens_a_case_at_the_given_node()
    {
        var opened = OpenCase();

        Assert.Equal(CaseStatus.Open, opened.Status);
        Assert.Equal(CaseSource.TenHouseholdReport, opened.Source);
        Assert.Equal(VillageNode.Code, opened.NodeCode);
        Assert.Contains(CaseAction.Escalate, opened.AllowedActions());
        Assert.DoesNotContain(CaseAction.ReferOut, opened.AllowedActions());
    }

    [Fact]
    public void An_agreement_resolves_the_case_and_says_where_and_how_long()
    {
        var disputeCase = OpenCase();
        _clock.Advance(TimeSpan.FromDays(12.2));

        var resolved = disputeCase.RecordAgreement("  双方同意共同清理排水沟  ", Today, _clock.GetUtcNow());

        Assert.Equal(CaseStatus.Resolved, disputeCase.Status);
        Assert.Equal("双方同意共同清理排水沟", resolved.AgreementSummary);
        Assert.Equal(MediationLevel.Village, resolved.ResolvedAtLevel);
        Assert.Equal(12, resolved.DaysOpen);
        Assert.Equal(disputeCase.SourceReportId, resolved.SourceReportId);
        Assert.Equal([CaseAction.RecordFollowUp], disputeCase.AllowedActions());
    }

    [Fact]
    public void A_case_climbs_one_level_at_a_time_and_is_resolved_where_it_is()
    {
        var disputeCase = OpenCase();

        var toSection = disputeCase.Escalate(SectionNode, "村调委会调解未果", _clock.GetUtcNow());
        var toArea = disputeCase.Escalate(AreaNode, "片区调解未果", _clock.GetUtcNow());

        Assert.Equal((VillageNode.Code, MediationLevel.Village, SectionNode.Code, MediationLevel.Section),
            (toSection.FromNodeCode, toSection.FromLevel, toSection.ToNodeCode, toSection.ToLevel));
        Assert.Equal(MediationLevel.ManagementArea, toArea.ToLevel);
        Assert.Equal(AreaNode.Code, disputeCase.NodeCode);
        Assert.Equal(MediationLevel.ManagementArea, disputeCase.RecordAgreement("协议", Today, _clock.GetUtcNow()).ResolvedAtLevel);
    }

    [Fact]
    public void Skipping_a_level_is_refused()
    {
        var disputeCase = OpenCase();

        var error = Assert.Throws<DomainRuleException>(() => disputeCase.Escalate(AreaNode, "越级", _clock.GetUtcNow()));
        Assert.Equal("escalation-level", error.Code);
        Assert.Equal(VillageNode.Code, disputeCase.NodeCode);
    }

    [Fact]
    public void Nothing_escalates_above_the_town_and_only_the_town_refers_out()
    {
        var atTown = OpenCase(TownNode);

        var escalation = Assert.Throws<InvalidTransitionException>(() => atTown.Escalate(TownNode, "再上交", _clock.GetUtcNow()));
        Assert.Contains(nameof(CaseAction.ReferOut), escalation.Allowed);
        Assert.DoesNotContain(nameof(CaseAction.Escalate), escalation.Allowed);

        var referral = Assert.Throws<InvalidTransitionException>(() => OpenCase().ReferOut(ReferralDestination.Court, "起诉", _clock.GetUtcNow()));
        Assert.Equal("Open", referral.CurrentState);

        var referred = atTown.ReferOut(ReferralDestination.Court, "当事人坚持诉讼", _clock.GetUtcNow());
        Assert.Equal(CaseStatus.ReferredOut, atTown.Status);
        Assert.Equal("Court", referred.Destination);
        Assert.Empty(atTown.AllowedActions());
    }

    [Fact]
    public void An_agreement_on_a_referred_case_is_an_invalid_transition()
    {
        var atTown = OpenCase(TownNode);
        atTown.ReferOut(ReferralDestination.Arbitration, "劳动争议仲裁", _clock.GetUtcNow());

        var error = Assert.Throws<InvalidTransitionException>(() => atTown.RecordAgreement("协议", Today, _clock.GetUtcNow()));
        Assert.Equal("ReferredOut", error.CurrentState);
        Assert.Empty(error.Allowed);
    }

    [Fact]
    public void A_second_agreement_is_an_invalid_transition_listing_what_is_allowed()
    {
        var disputeCase = OpenCase();
        disputeCase.RecordAgreement("协议", Today, _clock.GetUtcNow());

        var error = Assert.Throws<InvalidTransitionException>(() => disputeCase.RecordAgreement("再签", Today, _clock.GetUtcNow()));

        Assert.Equal("Resolved", error.CurrentState);
        Assert.Equal([nameof(CaseAction.RecordFollowUp)], error.Allowed);
    }

    [Fact]
    public void A_follow_up_records_whether_the_agreement_held_once()
    {
        var disputeCase = OpenCase();
        disputeCase.RecordAgreement("协议", Today, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(20));

        disputeCase.RecordFollowUp(_clock.GetUtcNow().AddHours(-1), agreementHeld: true, "双方均已履行", _clock.GetUtcNow());

        Assert.Equal(CaseStatus.FollowedUp, disputeCase.Status);
        Assert.True(disputeCase.AgreementHeld);
        Assert.Throws<InvalidTransitionException>(() => disputeCase.RecordFollowUp(_clock.GetUtcNow(), false, "再访", _clock.GetUtcNow()));
    }

    [Fact]
    public void A_case_open_for_more_than_thirty_days_is_overdue_until_it_ends()
    {
        var disputeCase = OpenCase();

        _clock.Advance(TimeSpan.FromDays(30));
        Assert.False(disputeCase.IsOverdue(_clock.GetUtcNow()));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(disputeCase.IsOverdue(_clock.GetUtcNow()));

        disputeCase.Escalate(SectionNode, "未果", _clock.GetUtcNow());
        Assert.True(disputeCase.IsOverdue(_clock.GetUtcNow())); // moving up does not restart the clock

        disputeCase.RecordAgreement("协议", Today, _clock.GetUtcNow());
        Assert.False(disputeCase.IsOverdue(_clock.GetUtcNow()));
    }

    [Fact]
    public void Signing_dates_are_days_in_China_Standard_Time()
    {
        var lateEvening = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 20, 30, 0, TimeSpan.Zero)); // 04:30 on 3 March in Zibo
        var disputeCase = DisputeCase.OpenFromReport(
            new DisputeReported(Guid.NewGuid(), "370302107201", Town, 2, DisputeCategory.Neighbourhood, "纠纷", "head-1", lateEvening.GetUtcNow()),
            VillageNode, lateEvening.GetUtcNow());

        var resolved = disputeCase.RecordAgreement("协议", new DateOnly(2026, 3, 3), lateEvening.GetUtcNow());

        Assert.Equal(CaseStatus.Resolved, disputeCase.Status);
        Assert.Equal(new DateOnly(2026, 3, 3), disputeCase.AgreementSignedOn);
        Assert.NotNull(resolved);
    }

    [Theory]
    [InlineData(-1)] // before the case was opened
    [InlineData(2)]  // in the future
    public void The_signing_date_lies_between_opening_and_today(int daysFromOpening)
    {
        var disputeCase = OpenCase();

        var error = Assert.Throws<DomainRuleException>(() => disputeCase.RecordAgreement("协议", Today.AddDays(daysFromOpening), _clock.GetUtcNow()));
        Assert.Equal("agreement-date", error.Code);
        Assert.Equal(CaseStatus.Open, disputeCase.Status);
    }

    [Fact]
    public void A_hearing_needs_participants_and_findings()
    {
        var disputeCase = OpenCase();

        Assert.Throws<DomainRuleException>(() => disputeCase.RecordHearing(_clock.GetUtcNow(), [], ["村民代表"], "查明事实", _clock.GetUtcNow()));
        Assert.Throws<DomainRuleException>(() => disputeCase.RecordHearing(_clock.GetUtcNow(), ["张某", "李某"], [], " ", _clock.GetUtcNow()));
        disputeCase.RecordHearing(_clock.GetUtcNow(), ["张某", "李某"], ["村民代表"], "排水沟属两户共有", _clock.GetUtcNow());
    }

    [Fact]
    public void Only_a_mediator_of_the_node_or_above_may_be_assigned()
    {
        var disputeCase = OpenCase();
        var elsewhere = Mediator.Register(new NetworkNode("PQ-02", "第二片区", MediationLevel.Section, "GQ-01", null, Town), "王调解", ResidentIdentityNumber.Parse("11010519491231002X"), "13800001111", null, _clock.GetUtcNow());
        var above = Mediator.Register(SectionNode, "赵调解", ResidentIdentityNumber.Parse("440524188001010014"), "13800002222", MediatorGrade.Third, _clock.GetUtcNow());
        string[] eligible = [VillageNode.Code, SectionNode.Code, AreaNode.Code, Town];

        Assert.Equal("mediator-node", Assert.Throws<DomainRuleException>(() => disputeCase.AssignMediator(elsewhere, eligible, _clock.GetUtcNow())).Code);
        disputeCase.AssignMediator(above, eligible, _clock.GetUtcNow());
    }
}
