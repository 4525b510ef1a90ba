using Zaili.Mediation.Apis;
using Zaili.Mediation.Domain;
using Zaili.ServiceDefaults.Http;
using Zaili.Testing;

namespace Zaili.Mediation.Tests;

public class CaseReachTests
{
    // 村居 370302107201 under 片区 PQ-01 under 管区 GQ-01 under the town.
    private static readonly string[] VillageCaseChain = ["370302107201", "PQ-01", "GQ-01", "370302107000"];

    [Theory]
    [InlineData("370302107201", true)]
    [InlineData("PQ-01", true)]
    [InlineData("GQ-01", true)]
    [InlineData("370302107000", true)]
    [InlineData("370302107202", false)]
    [InlineData("PQ-02", false)]
    public void A_mediator_reaches_a_case_at_their_node_or_below(string mediatorNode, bool reaches) =>
        Assert.Equal(reaches, CaseReach.Covers(mediatorNode, VillageCaseChain));

    [Fact]
    public void A_case_escalated_above_a_mediator_leaves_their_reach() =>
        Assert.False(CaseReach.Covers("370302107201", ["PQ-01", "GQ-01", "370302107000"]));

    [Theory]
    [InlineData(StaffRoles.JusticeOffice, true)]
    [InlineData(StaffRoles.GovernanceCentre, true)]
    [InlineData(StaffRoles.Administrator, true)]
    [InlineData(StaffRoles.Mediator, false)]
    [InlineData(StaffRoles.PartyGovernmentOffice, false)]
    public void The_justice_office_and_the_governance_centre_see_the_whole_town(string role, bool wholeTown) =>
        Assert.Equal(wholeTown, MediationAccess.SeesWholeTown(Callers.With(role, node: "PQ-01")));
}
