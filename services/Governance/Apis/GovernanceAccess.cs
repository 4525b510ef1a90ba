using Npgsql;
using Zaili.Governance.Data;
using Zaili.Governance.Domain;
using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;

namespace Zaili.Governance.Apis;

/// <summary>
/// The object-level rule of governance: 综治中心 sees the town; a 十户长 their own group — its households,
/// visits, warnings and appeals — and the dispute reports they filed themselves.
/// </summary>
public static class GovernanceAccess
{
    public static bool SeesWholeTown(Caller caller) => caller.ActsTownWide(StaffRoles.GovernanceCentre);

    /// <summary>The caller's own group, or null when they see the whole town.</summary>
    public static Guid? OwnGroup(Caller caller) =>
        SeesWholeTown(caller) ? null
        : Guid.TryParse(caller.HouseholdGroup, out var group) ? group
        : throw new AccessDeniedException("账号未指定所负责的十联户小组");

    /// <summary>Another group does not exist for a 十户长 (404): not even its existence is disclosed.</summary>
    public static void EnsureOwnGroup(Caller caller, Guid groupId)
    {
        if (OwnGroup(caller) is { } own && own != groupId)
        {
            throw new RecordNotFoundException("十联户组", groupId.ToString());
        }
    }

    /// <summary>The caller's group with its households, or null when they see the whole town.</summary>
    public static async Task<TenHouseholdGroup?> OwnGroupRecordAsync(this NpgsqlConnection connection, Caller caller, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        OwnGroup(caller) is { } own
            ? await connection.FindGroupAsync(own, transaction, forUpdate: false, cancellationToken) ?? throw new AccessDeniedException($"账号所指定的十联户小组 {own} 不存在")
            : null;

    /// <summary>A 十户长 acts in their group's village only.</summary>
    public static void EnsureOwnVillage(TenHouseholdGroup? own, string villageCode)
    {
        if (own is not null && own.VillageCode != villageCode)
        {
            throw new AccessDeniedException($"村居 {villageCode} 不是本人十联户小组所在的村居");
        }
    }
}
