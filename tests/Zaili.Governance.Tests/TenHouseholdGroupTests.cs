using Zaili.Governance.Domain;
using Zaili.SharedKernel;

namespace Zaili.Governance.Tests;

public class TenHouseholdGroupTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly Village Yuanjia = Village.Create("370302107201", "袁家村", isPilot: true);
    private static readonly Village Dongyuan = Village.Create("370302107202", "东苑社区", isPilot: true);

    private static List<Household> Households(int count, Village? village = null) =>
        Enumerable.Range(1, count).Select(i => Household.Register(village ?? Yuanjia, $"户主{i}", $"袁家村{i}号", 3, "13800000000", Now)).ToList();

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(15)]
    public void A_group_has_five_to_fifteen_households(int count)
    {
        var group = TenHouseholdGroup.Draw(Yuanjia, "第一组", Households(count), Now);

        Assert.Equal(count, group.HouseholdIds.Count);
    }

    [Theory]
    [InlineData(4, "group-too-small")]
    [InlineData(16, "group-too-large")]
    public void A_group_outside_the_range_is_refused_with_the_reason(int count, string code)
    {
        var error = Assert.Throws<DomainRuleException>(() => TenHouseholdGroup.Draw(Yuanjia, "第一组", Households(count), Now));
        Assert.Equal(code, error.Code);
        Assert.Contains(count.ToString(), error.Message);
    }

    [Fact]
    public void A_household_belongs_to_at_most_one_group()
    {
        var households = Households(10);
        var taken = households[3] with { GroupId = Guid.NewGuid() };
        households[3] = taken;

        Assert.Equal("household-in-group", Assert.Throws<DomainRuleException>(() => TenHouseholdGroup.Draw(Yuanjia, "第二组", households, Now)).Code);
        Assert.Equal("group-duplicate-household", Assert.Throws<DomainRuleException>(() =>
            TenHouseholdGroup.Draw(Yuanjia, "第二组", [.. Households(5), households[0], households[0]], Now)).Code);
    }

    [Fact]
    public void All_households_of_a_group_live_in_its_village()
    {
        var mixed = Households(6).Concat(Households(1, Dongyuan)).ToList();

        Assert.Equal("group-other-village", Assert.Throws<DomainRuleException>(() => TenHouseholdGroup.Draw(Yuanjia, "第三组", mixed, Now)).Code);
    }

    private static (TenHouseholdGroup Group, List<Household> Households) Group(int count = 8)
    {
        var households = Households(count);
        return (TenHouseholdGroup.Draw(Yuanjia, "第一组", households, Now), households);
    }

    [Fact]
    public void The_candidate_with_most_votes_of_the_groups_households_becomes_head()
    {
        var (group, h) = Group();
        TenHouseholdGroup.Candidate[] candidates = [new(h[0].Id, "户主1"), new(h[1].Id, "户主2")];
        var votes = h.Take(6).Select((voter, i) => new TenHouseholdGroup.Vote(voter.Id, i < 4 ? h[0].Id : h[1].Id)).ToList();

        var result = group.ChooseHead(candidates, votes, Now);

        Assert.Equal(h[0].Id, group.HeadHouseholdId);
        Assert.Equal("户主1", group.HeadName);
        Assert.Equal(4, result.Tally[h[0].Id]);
        Assert.Equal(6, result.Turnout);
    }

    [Fact]
    public void A_group_has_one_head()
    {
        var (group, h) = Group();
        group.ChooseHead([new(h[0].Id, "户主1")], h.Take(5).Select(v => new TenHouseholdGroup.Vote(v.Id, h[0].Id)).ToList(), Now);

        Assert.Throws<InvalidTransitionException>(() =>
            group.ChooseHead([new(h[1].Id, "户主2")], h.Take(5).Select(v => new TenHouseholdGroup.Vote(v.Id, h[1].Id)).ToList(), Now));
        Assert.Equal(h[0].Id, group.HeadHouseholdId);
    }

    [Fact]
    public void The_head_must_live_in_the_group_and_only_its_households_vote_once()
    {
        var (group, h) = Group();
        var outsider = Households(1)[0];
        var votes = h.Take(5).Select(v => new TenHouseholdGroup.Vote(v.Id, h[0].Id)).ToList();

        Assert.Equal("election-candidate-outside", Code(() => group.ChooseHead([new(outsider.Id, "外人")], votes, Now)));
        Assert.Equal("election-voter-outside", Code(() => group.ChooseHead([new(h[0].Id, "户主1")], [.. votes, new(outsider.Id, h[0].Id)], Now)));
        Assert.Equal("election-double-vote", Code(() => group.ChooseHead([new(h[0].Id, "户主1")], [.. votes, votes[0]], Now)));
        Assert.Equal("election-turnout", Code(() => group.ChooseHead([new(h[0].Id, "户主1")], votes.Take(4).ToList(), Now)));
        Assert.Null(group.HeadHouseholdId);
    }

    [Fact]
    public void A_tie_is_no_choice()
    {
        var (group, h) = Group(6);
        var votes = h.Take(4).Select((v, i) => new TenHouseholdGroup.Vote(v.Id, i % 2 == 0 ? h[0].Id : h[1].Id)).ToList();

        Assert.Equal("election-tie", Code(() => group.ChooseHead([new(h[0].Id, "户主1"), new(h[1].Id, "户主2")], votes, Now)));
    }

    [Fact]
    public void A_head_visits_only_the_households_of_the_own_group()
    {
        var (group, h) = Group();
        Assert.Equal("group-no-head", Code(() => group.EnsureCanVisit(h[2])));
        group.ChooseHead([new(h[0].Id, "户主1")], h.Take(5).Select(v => new TenHouseholdGroup.Vote(v.Id, h[0].Id)).ToList(), Now);

        group.EnsureCanVisit(h[7]);
        Assert.Equal("visit-outside-group", Code(() => group.EnsureCanVisit(Households(1)[0])));
    }

    private static string? Code(Action action) => Assert.Throws<DomainRuleException>(action).Code;
}

public class EarlyWarningTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly Village Yuanjia = Village.Create("370302107201", "袁家村", isPilot: true);

    [Theory]
    [InlineData(WarningCategory.DisputeRisk, 3, true)]
    [InlineData(WarningCategory.DisputeRisk, 2, false)]
    [InlineData(WarningCategory.SafetyHazard, 3, false)]
    [InlineData(WarningCategory.Health, 3, false)]
    public void Only_a_severity_three_dispute_risk_becomes_a_dispute_report(WarningCategory category, int severity, bool becomes)
    {
        Assert.Equal(becomes, EarlyWarning.BecomesDisputeReport(category, severity));
    }

    [Fact]
    public void The_report_it_becomes_names_the_households_and_the_warning()
    {
        var households = Enumerable.Range(1, 3).Select(i => Household.Register(Yuanjia, $"户主{i}", $"{i}号", 2, "13800000000", Now)).ToList();
        var warning = EarlyWarning.Raise(Yuanjia, null, WarningCategory.DisputeRisk, 3, households, "两户因宅基地争吵升级", "head-1", Now);

        var report = warning.ToDisputeReport(Yuanjia, Now);

        Assert.Equal(3, report.HouseholdCount);
        Assert.Contains("两户因宅基地争吵升级", report.Summary);
        Assert.Equal(DisputeReportStatus.Reported, report.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Severity_is_one_to_three(int severity)
    {
        Assert.Throws<DomainRuleException>(() => EarlyWarning.Raise(Yuanjia, null, WarningCategory.Other, severity, [], "情况说明", "head-1", Now));
    }
}

public class AppealTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly Village Yuanjia = Village.Create("370302107201", "袁家村", isPilot: true);

    [Fact]
    public void An_appeal_is_assigned_then_solved_or_answered_once()
    {
        var appeal = Appeal.Collect(Yuanjia, null, "村道路灯损坏", "head-1", Now);
        Assert.Throws<InvalidTransitionException>(() => appeal.Close(true, "已修复", Now));

        appeal.Assign("安环办", Now.AddDays(1));
        appeal.Close(solved: true, "已更换路灯", Now.AddDays(3));

        Assert.Equal(AppealStatus.Solved, appeal.Status);
        Assert.Throws<InvalidTransitionException>(() => appeal.Close(false, "再答复", Now.AddDays(4)));
    }
}
