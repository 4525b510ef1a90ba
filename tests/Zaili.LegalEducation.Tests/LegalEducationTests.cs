using Zaili.LegalEducation.Domain;
using Zaili.SharedKernel;

namespace Zaili.LegalEducation.Tests;

public class ExamRatesTests
{
    [Fact]
    public void Rates_are_counted_against_the_roster_including_those_who_did_not_sit()
    {
        Enrolment[] roster = [new("a", ExamGroup.NewCivilServants), new("b", ExamGroup.NewCivilServants), new("c", ExamGroup.NewCivilServants), new("d", ExamGroup.NewCivilServants)];
        Attempt[] attempts = [new("a", 90), new("b", 55), new("c", 60)];

        var rates = Assert.Single(ExamRates.Compute(roster, attempts, passMark: 60));

        Assert.Equal((4, 3, 2), (rates.Enrolled, rates.Participated, rates.Passed));
        Assert.Equal(0.75m, rates.ParticipationRate);
        Assert.Equal(0.5m, rates.PassRate);
    }

    [Fact]
    public void A_re_sit_counts_once_with_the_best_score()
    {
        Enrolment[] roster = [new("a", ExamGroup.EnforcementOfficers), new("b", ExamGroup.EnforcementOfficers)];
        Attempt[] attempts = [new("a", 40), new("a", 75), new("a", 50), new("b", 59)];

        var rates = Assert.Single(ExamRates.Compute(roster, attempts, 60));

        Assert.Equal((2, 2, 1), (rates.Enrolled, rates.Participated, rates.Passed));
        Assert.Equal(1m, rates.ParticipationRate);
        Assert.Equal(0.5m, rates.PassRate);
    }

    [Fact]
    public void Each_group_has_its_own_rates_and_strangers_are_not_counted()
    {
        Enrolment[] roster = [new("a", ExamGroup.NewCivilServants), new("b", ExamGroup.VillageLegalLeaders)];
        Attempt[] attempts = [new("a", 100), new("x", 100)];

        var rates = ExamRates.Compute(roster, attempts, 60);

        Assert.Equal([ExamGroup.NewCivilServants, ExamGroup.VillageLegalLeaders], rates.Select(r => r.Group));
        Assert.Equal(1m, rates[0].PassRate);
        Assert.Equal(0m, rates[1].ParticipationRate);
    }

    [Theory]
    [InlineData(ExamKind.StateStaffAnnual, ExamGroup.NewCivilServants)]
    [InlineData(ExamKind.LegalLiteracy, ExamGroup.StateStaff)]
    public void The_groups_fit_the_kind_of_exam(ExamKind kind, ExamGroup group)
    {
        Assert.Throws<DomainRuleException>(() => ExamRates.EnsureGroupFits(kind, group));
    }
}

public class LawCatalogueTests
{
    [Theory]
    [InlineData("宪法")]
    [InlineData("《宪法》")]
    [InlineData("中华人民共和国宪法")]
    [InlineData("《中华人民共和国宪法》")]
    [InlineData(" 《 宪法 》 ")]
    public void One_law_however_it_is_written(string name)
    {
        Assert.Equal("宪法", LawCatalogue.KeyOf(name));
    }

    [Fact]
    public void The_report_counts_laws_not_spellings()
    {
        var laws = LawCatalogue.Distinct(["《宪法》", "民法典", "中华人民共和国民法典", "宪法", "农村土地承包法", "《安全生产法》"]);

        Assert.Equal(4, laws.Count);
        Assert.Equal("宪法", laws["宪法"]);
    }
}

public class ActivityRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    [Fact]
    public void Six_intos_name_where_they_went_and_others_do_not()
    {
        Assert.Throws<DomainRuleException>(() => ActivityRules.Check(ActivityKind.SixIntos, null, Today, ["司法所"], 1, 100, 50, Today));
        Assert.Throws<DomainRuleException>(() => ActivityRules.Check(ActivityKind.Lecture, SixIntosTarget.Schools, Today, ["司法所"], 1, 0, 50, Today));
        ActivityRules.Check(ActivityKind.SixIntos, SixIntosTarget.Schools, Today, ["司法所"], 1, 100, 50, Today);
    }

    [Fact]
    public void An_activity_happened_had_organisers_and_taught_laws()
    {
        Assert.Throws<DomainRuleException>(() => ActivityRules.Check(ActivityKind.ConstitutionDay, null, Today.AddDays(1), ["司法所"], 1, 0, 0, Today));
        Assert.Throws<DomainRuleException>(() => ActivityRules.Check(ActivityKind.ConstitutionDay, null, Today, [], 1, 0, 0, Today));
        Assert.Throws<DomainRuleException>(() => ActivityRules.Check(ActivityKind.ConstitutionDay, null, Today, ["司法所"], 0, 0, 0, Today));
        ActivityRules.Check(ActivityKind.NewMedia, null, Today, ["党政办"], 0, 0, 2000, Today);
    }

    [Fact]
    public void Tasks_are_done_due_or_overdue()
    {
        Assert.Equal(TaskState.Done, ActivityRules.StateOf(Today.AddDays(-10), Today.AddDays(-12), Today));
        Assert.Equal(TaskState.Due, ActivityRules.StateOf(Today, null, Today));
        Assert.Equal(TaskState.Overdue, ActivityRules.StateOf(Today.AddDays(-1), null, Today));
    }
}
