using Zaili.Contracts;
using Zaili.Mediation.Domain;
using Zaili.SharedKernel;
using Input = Zaili.Mediation.Domain.MediationNetwork.NodeInput;

namespace Zaili.Mediation.Tests;

public class MediationNetworkTests
{
    private const string Town = "370302107000";
    private const string Village = "370302107201";

    private static readonly Input[] FourLevels =
    [
        new(Village, "袁家村调委会", MediationLevel.Village, "PQ-01"),
        new("PQ-01", "第一片区", MediationLevel.Section, "GQ-01"),
        new(Town, "一站式矛盾纠纷调解中心", MediationLevel.Town, null),
        new("GQ-01", "第一管区", MediationLevel.ManagementArea, Town),
    ];

    [Fact]
    public void Imports_a_four_level_network_in_any_order()
    {
        var nodes = MediationNetwork.Import(FourLevels, []);

        Assert.Equal(4, nodes.Count);
        var village = Assert.Single(nodes, n => n.Level == MediationLevel.Village);
        Assert.Equal(Village, village.VillageCode);
        Assert.Equal(Town, village.TownCode);
        Assert.All(nodes, n => Assert.Equal(Town, n.TownCode));
    }

    [Fact]
    public void A_node_must_hang_exactly_one_level_below_its_parent()
    {
        var skipping = new Input[] { new(Town, "中心", MediationLevel.Town, null), new(Village, "村", MediationLevel.Village, Town) };

        var error = Assert.Throws<DomainRuleException>(() => MediationNetwork.Import(skipping, []));
        Assert.Equal("node-parent", error.Code);
    }

    [Fact]
    public void A_parent_may_already_be_stored()
    {
        var stored = MediationNetwork.Import(FourLevels[1..], []);

        var added = MediationNetwork.Import([new("370302107202", "东苑社区调委会", MediationLevel.Village, "PQ-01")], stored);

        Assert.Equal("370302107202", Assert.Single(added).VillageCode);
    }

    [Theory]
    [InlineData("370302107")]        // not a division code
    [InlineData("370302108201")]     // a village of another town
    public void A_village_node_is_a_village_of_the_same_town(string code)
    {
        var stored = MediationNetwork.Import(FourLevels[1..], []);

        var error = Assert.Throws<DomainRuleException>(() => MediationNetwork.Import([new(code, "村", MediationLevel.Village, "PQ-01")], stored));
        Assert.Equal("node-code", error.Code);
    }

    [Fact]
    public void The_town_node_is_the_root_and_carries_the_town_code()
    {
        Assert.Throws<DomainRuleException>(() => MediationNetwork.Import([new("GQ-01", "管区", MediationLevel.Town, null)], []));
        Assert.Throws<DomainRuleException>(() => MediationNetwork.Import([new(Town, "中心", MediationLevel.Town, "X")], []));
    }

    [Fact]
    public void Duplicate_codes_in_one_import_are_refused()
    {
        var error = Assert.Throws<DomainRuleException>(() => MediationNetwork.Import([FourLevels[2], FourLevels[2]], []));
        Assert.Equal("node-duplicate", error.Code);
    }

    [Fact]
    public void A_dispute_starts_at_the_village_node_when_there_is_one()
    {
        var nodes = MediationNetwork.Import(FourLevels, []);

        Assert.Equal(Village, MediationNetwork.LowestNodeFor(Village, nodes)!.Code);
    }

    [Fact]
    public void A_village_outside_the_network_goes_to_its_towns_centre()
    {
        var nodes = MediationNetwork.Import(FourLevels, []);

        var node = MediationNetwork.LowestNodeFor("370302107299", nodes);

        Assert.Equal(Town, node!.Code);
        Assert.Null(MediationNetwork.LowestNodeFor("370302108201", nodes));
    }
}
