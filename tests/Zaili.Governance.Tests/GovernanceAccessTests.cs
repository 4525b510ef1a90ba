using Zaili.Governance.Apis;
using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;
using Zaili.Testing;

namespace Zaili.Governance.Tests;

public class GovernanceAccessTests
{
    private static readonly Guid OwnGroup = Guid.NewGuid();
    private static readonly Caller Head = Callers.With(StaffRoles.HouseholdHead, group: OwnGroup.ToString());

    [Fact]
    public void A_head_is_bounded_by_their_group_and_the_centre_by_nothing()
    {
        Assert.Equal(OwnGroup, GovernanceAccess.OwnGroup(Head));
        Assert.Null(GovernanceAccess.OwnGroup(Callers.With(StaffRoles.GovernanceCentre)));
        Assert.Null(GovernanceAccess.OwnGroup(Callers.With(StaffRoles.Administrator)));
    }

    [Fact]
    public void Another_group_does_not_exist_for_a_head()
    {
        GovernanceAccess.EnsureOwnGroup(Head, OwnGroup);
        Assert.Throws<RecordNotFoundException>(() => GovernanceAccess.EnsureOwnGroup(Head, Guid.NewGuid()));
        GovernanceAccess.EnsureOwnGroup(Callers.With(StaffRoles.GovernanceCentre), Guid.NewGuid());
    }

    [Fact]
    public void A_head_account_without_a_group_is_refused_rather_than_shown_the_town() =>
        Assert.Throws<AccessDeniedException>(() => GovernanceAccess.OwnGroup(Callers.With(StaffRoles.HouseholdHead, group: "not-a-group")));
}
