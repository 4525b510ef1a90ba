using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;
using Zaili.Testing;
using Zaili.VillageReview.Apis;

namespace Zaili.VillageReview.Tests;

public class ReviewAccessTests
{
    private static readonly Caller Counsel = Callers.With(StaffRoles.VillageCounsel, villages: ["370302107201", "370302107202"]);
    private static readonly Caller Office = Callers.With(StaffRoles.JusticeOffice);

    [Fact]
    public void A_counsel_lists_their_own_villages_and_only_those()
    {
        Assert.Equal(["370302107201", "370302107202"], ReviewAccess.VillagesFor(Counsel, null)!.Order());
        Assert.Equal(["370302107202"], ReviewAccess.VillagesFor(Counsel, "370302107202")!);
        Assert.Throws<AccessDeniedException>(() => ReviewAccess.VillagesFor(Counsel, "370302107203"));
    }

    [Fact]
    public void The_justice_office_lists_the_town_or_any_one_village()
    {
        Assert.Null(ReviewAccess.VillagesFor(Office, null));
        Assert.Equal(["370302107203"], ReviewAccess.VillagesFor(Office, "370302107203")!);
    }

    [Fact]
    public void Another_village_s_matter_does_not_exist_for_a_counsel()
    {
        ReviewAccess.EnsureServes(Counsel, Guid.NewGuid(), "370302107201");
        ReviewAccess.EnsureServes(Office, Guid.NewGuid(), "370302107203");
        Assert.Throws<RecordNotFoundException>(() => ReviewAccess.EnsureServes(Counsel, Guid.NewGuid(), "370302107203"));
    }
}
