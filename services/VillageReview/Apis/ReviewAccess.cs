using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;

namespace Zaili.VillageReview.Apis;

/// <summary>The object-level rule of village review: 司法所 and 党政办 see the town; a 村法律顾问 the villages on their account.</summary>
public static class ReviewAccess
{
    public static bool SeesWholeTown(Caller caller) => caller.ActsTownWide(StaffRoles.JusticeOffice, StaffRoles.PartyGovernmentOffice);

    /// <summary>Villages a list is bounded by: null for the whole town, else the caller's villages (or the one asked for, if it is theirs).</summary>
    public static string[]? VillagesFor(Caller caller, string? requestedVillage)
    {
        if (SeesWholeTown(caller))
        {
            return requestedVillage is null ? null : [requestedVillage];
        }
        if (requestedVillage is null)
        {
            return [.. caller.Villages];
        }
        return caller.ServesVillage(requestedVillage)
            ? [requestedVillage]
            : throw new AccessDeniedException($"村居 {requestedVillage} 不在本人服务的村居范围内");
    }

    /// <summary>A matter of another village does not exist for a counsel (404): not even its existence is disclosed.</summary>
    public static void EnsureServes(Caller caller, Guid matterId, string villageCode)
    {
        if (!SeesWholeTown(caller) && !caller.ServesVillage(villageCode))
        {
            throw new RecordNotFoundException("重大事项", matterId.ToString());
        }
    }
}
