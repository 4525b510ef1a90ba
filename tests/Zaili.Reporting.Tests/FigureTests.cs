using Zaili.Contracts;
using Zaili.Reporting.Domain;

namespace Zaili.Reporting.Tests;

public sealed class ChineseNumbersTests
{
    [Theory]
    [InlineData(30_100, "3万余")]
    [InlineData(30_000, "3万")]
    [InlineData(3_050, "3000余")]
    [InlineData(3_000, "3000")]
    [InlineData(412, "400余")]
    [InlineData(213, "200余")]
    [InlineData(104, "100余")]
    [InlineData(22, "二十多")]
    [InlineData(20, "二十")]
    [InlineData(14, "十多")]
    [InlineData(7, "7")]
    public void Counts_the_source_does_not_state_exactly_are_written_as_it_writes_them(int value, string expected) =>
        Assert.Equal(expected, ChineseNumbers.About(value));

    [Fact]
    public void Rates_are_percentages_without_trailing_zeros()
    {
        Assert.Equal("100%", ChineseNumbers.Percent(1m));
        Assert.Equal("98.5%", ChineseNumbers.Percent(0.985m));
        Assert.Equal("—", ChineseNumbers.Percent(null));
    }
}

public sealed class FigureProjectionTests
{
    private static readonly DateTimeOffset LateEvening = new(2023, 12, 31, 17, 0, 0, TimeSpan.Zero); // 2024-01-01 01:00 in Zibo

    [Fact]
    public void A_year_is_the_China_time_year_of_the_event()
    {
        var resolved = new DisputeResolved(Guid.NewGuid(), null, "370302107201", "370302107000", "V", MediationLevel.Village, DisputeCategory.Other, "协议", 3, LateEvening);
        var contribution = Assert.Single(FigureProjection.ContributionsOf(resolved));
        Assert.Equal(2024, contribution.Year);
        Assert.Equal("Village", contribution.Key);
        Assert.Equal("村居", contribution.Label);
    }

    [Fact]
    public void A_dispute_reported_by_a_head_and_resolved_in_mediation_also_counts_as_handled_by_governance()
    {
        var resolved = new DisputeResolved(Guid.NewGuid(), Guid.NewGuid(), "370302107201", "370302107000", "V", MediationLevel.Section, DisputeCategory.Other, "协议", 3, LateEvening);
        Assert.Equal([FigureCatalogue.DisputesResolved, FigureCatalogue.DisputesHandled], FigureProjection.ContributionsOf(resolved).Select(c => c.Figure));
    }

    [Fact]
    public void Visits_count_in_the_year_each_visit_was_made()
    {
        var visited = new HouseholdsVisited(Guid.NewGuid(), "370302107201", "370302107000", [new(2022, 12, 30), new(2023, 1, 2), new(2023, 1, 3)], LateEvening);
        var contributions = FigureProjection.ContributionsOf(visited);
        Assert.Equal(1, contributions.Single(c => c.Year == 2022).Amount);
        Assert.Equal(2, contributions.Single(c => c.Year == 2023).Amount);
    }

    [Fact]
    public void A_counsel_contract_covers_every_year_of_its_period()
    {
        var contracted = new VillageCounselContracted(Guid.NewGuid(), "370302107201", "370302107000", new(2022, 7, 1), new(2024, 6, 30), LateEvening);
        Assert.Equal([2022, 2023, 2024], FigureProjection.ContributionsOf(contracted).Select(c => c.Year));
    }

    [Fact]
    public void An_activity_counts_its_laws_by_catalogue_key_and_its_materials()
    {
        var held = new LegalEducationActivityHeld(Guid.NewGuid(), "370302107000", null, "MarketDayLawStall", ["司法所", "安环办"],
            [new("宪法", "宪法"), new("民法典", "民法典")], 1200, 800, new(2023, 3, 8), LateEvening);
        var contributions = FigureProjection.ContributionsOf(held);
        Assert.Equal(2023, contributions.Select(c => c.Year).Distinct().Single());
        Assert.Equal(2, contributions.Count(c => c.Figure == FigureCatalogue.LawsCovered));
        Assert.Equal(2, contributions.Count(c => c.Figure == FigureCatalogue.ActivityDepartments));
        Assert.Equal(1200, contributions.Single(c => c.Figure == FigureCatalogue.Materials).Amount);
        Assert.Equal("“法律赶大集”", contributions.Single(c => c.Figure == FigureCatalogue.Activities).Label);
    }

    [Fact]
    public void A_failed_exam_counts_as_sat_but_not_passed()
    {
        var result = new ExamResultRecorded(Guid.NewGuid(), "370302107000", 2023, "StateStaffAnnual", "StateStaff", "key", 50, 60, false, LateEvening);
        Assert.Equal([FigureCatalogue.StateStaffSat], FigureProjection.ContributionsOf(result).Select(c => c.Figure));
    }

    [Fact]
    public void Events_that_count_nothing_contribute_nothing()
    {
        var answered = new AppealSolved(Guid.NewGuid(), "370302107201", "370302107000", "党政办", false, 3, LateEvening);
        Assert.Empty(FigureProjection.ContributionsOf(answered));
    }

    [Fact]
    public void The_town_of_an_event_without_one_is_the_town_of_its_village()
    {
        var referral = new DisputeReferredByDistrict("c:1", "370302107201", DisputeCategory.Other, "纠纷", 1, LateEvening);
        Assert.Equal("370302107000", EventCatalog.TownOf(referral));
    }
}

public sealed class FigureCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 10, 0, 0, 0, TimeSpan.Zero);

    private static ContributionTotal Row(string figure, int year, string? key, decimal amount, int order = 0) =>
        new(figure, year, key, key, amount, Now.AddMinutes(order));

    [Fact]
    public void Flows_count_the_year_stocks_count_up_to_it_and_last_year_is_beside_each()
    {
        var set = FigureCalculator.Compute("370302107000", 2023, Now,
        [
            Row(FigureCatalogue.Officers, 2022, null, 38),
            Row(FigureCatalogue.Officers, 2023, null, 3),
            Row(FigureCatalogue.DisputesResolved, 2022, "Village", 400),
            Row(FigureCatalogue.DisputesResolved, 2023, "Village", 440),
            Row(FigureCatalogue.DisputesResolved, 2023, "Town", 17, order: 1),
        ]);
        Assert.Equal(41, set[FigureCatalogue.Officers]);
        Assert.Equal(38, set.Find(FigureCatalogue.Officers)!.PreviousYear);
        var resolved = set.Find(FigureCatalogue.DisputesResolved)!;
        Assert.Equal(457, resolved.Value);
        Assert.Equal(400, resolved.PreviousYear);
        Assert.Equal(57, resolved.Change);
        Assert.Equal(0.1425m, resolved.ChangeRatio);
        Assert.Equal(["Village", "Town"], resolved.Breakdown.Select(b => b.Key));
    }

    [Fact]
    public void Distinct_figures_count_keys_once_in_the_order_first_seen()
    {
        var set = FigureCalculator.Compute("370302107000", 2023, Now,
        [
            Row(FigureCatalogue.PilotVillages, 2023, "东苑社区", 2, order: 2),
            Row(FigureCatalogue.PilotVillages, 2023, "袁家村", 1, order: 1),
            Row(FigureCatalogue.LawsCovered, 2023, "宪法", 5),
            Row(FigureCatalogue.LawsCovered, 2022, "民法典", 1),
        ]);
        Assert.Equal(2, set[FigureCatalogue.PilotVillages]);
        Assert.Equal(["袁家村", "东苑社区"], set.Find(FigureCatalogue.PilotVillages)!.Breakdown.Select(b => b.Label));
        Assert.Equal(1, set[FigureCatalogue.LawsCovered]);
        Assert.Equal(1, set.Find(FigureCatalogue.LawsCovered)!.PreviousYear);
    }

    [Fact]
    public void A_rate_has_no_value_without_a_denominator()
    {
        var set = FigureCalculator.Compute("370302107000", 2023, Now, []);
        Assert.Null(set.Rate(FigureCatalogue.LawsuitHeadAppeared, FigureCatalogue.LawsuitHearings));
        Assert.Equal(FigureCatalogue.All.Count, set.Figures.Count);
    }
}
