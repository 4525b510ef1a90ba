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

public class MediationNetworkCsvTests
{
    [Fact]
    public void Reads_a_network_with_chinese_level_names()
    {
        var nodes = MediationNetwork.ParseCsv("""
            code,name,level,parentCode
            370302107000,寨里镇一站式矛盾纠纷调解中心,镇,
            GQ-01,第一管区,管区,370302107000
            PQ-01,第一片区,Section,GQ-01

            370302107201,袁家村调委会,村居,PQ-01
            """);

        Assert.Equal(4, nodes.Count);
        Assert.Equal([MediationLevel.Town, MediationLevel.ManagementArea, MediationLevel.Section, MediationLevel.Village], nodes.Select(n => n.Level));
        Assert.Null(nodes[0].ParentCode);
        Assert.Equal(4, MediationNetwork.Import(nodes, []).Count);
    }

    [Theory]
    [InlineData("id,name\n1,a", "csv-header")]
    [InlineData("code,name,level,parentCode\nGQ-01,第一管区,管区", "csv-columns")]
    [InlineData("code,name,level,parentCode\nGQ-01,第一管区,县,X", "csv-level")]
    [InlineData("code,name,level,parentCode\nGQ-01,第一管区,7,X", "csv-level")]
    [InlineData("code,name,level,parentCode\n", "csv-empty")]
    public void Names_the_line_that_is_wrong(string csv, string code)
    {
        Assert.Equal(code, Assert.Throws<DomainRuleException>(() => MediationNetwork.ParseCsv(csv)).Code);
    }

    [Fact]
    public void A_node_can_be_renamed_or_moved_under_another_node_of_the_level_above()
    {
        var existing = MediationNetwork.Import(MediationNetwork.ParseCsv("""
            code,name,level,parentCode
            370302107000,中心,镇,
            GQ-01,第一管区,管区,370302107000
            PQ-01,第一片区,片区,GQ-01
            PQ-02,第二片区,片区,GQ-01
            370302107201,袁家村,村居,PQ-01
            """), []);
        var village = existing.Single(n => n.Code == "370302107201");

        var moved = MediationNetwork.Edit(village, "袁家村调委会", "PQ-02", existing);

        Assert.Equal(("袁家村调委会", "PQ-02"), (moved.Name, moved.ParentCode));
        Assert.Throws<DomainRuleException>(() => MediationNetwork.Edit(village, null, "GQ-01", existing));
    }
}
