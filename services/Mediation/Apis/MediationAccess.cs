using Npgsql;
using Zaili.Mediation.Data;
using Zaili.Mediation.Domain;
using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Apis;

/// <summary>The object-level rule of mediation: 司法所 and 综治中心 see the town; a 调解员 their node and below.</summary>
public static class MediationAccess
{
    public static bool SeesWholeTown(Caller caller) => caller.ActsTownWide(StaffRoles.JusticeOffice, StaffRoles.GovernanceCentre);

    /// <summary>A case outside the caller's reach does not exist for them (404, not 403: its existence is not disclosed).</summary>
    public static async Task EnsureReachesCaseAsync(
        this NpgsqlConnection connection, Caller caller, Guid caseId, string caseNodeCode, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        if (!await connection.ReachesAsync(caller, caseNodeCode, transaction, cancellationToken))
        {
            throw new RecordNotFoundException("调解案件", caseId.ToString());
        }
    }

    public static async Task<bool> ReachesAsync(this NpgsqlConnection connection, Caller caller, string nodeCode, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        SeesWholeTown(caller)
        || (caller.MediationNode is { } own && CaseReach.Covers(own, await connection.NodeAndAncestorsAsync(nodeCode, transaction, cancellationToken)));

    /// <summary>The node a list is bounded by: the caller's own unless they asked for one inside it.</summary>
    public static async Task<string?> ListScopeAsync(this NpgsqlConnection connection, Caller caller, string? requestedNode, CancellationToken cancellationToken)
    {
        if (SeesWholeTown(caller))
        {
            return requestedNode;
        }
        var own = caller.MediationNode ?? throw new AccessDeniedException("账号未指定所在的调解组织");
        if (requestedNode is null)
        {
            return own;
        }
        return await connection.ReachesAsync(caller, requestedNode, null, cancellationToken)
            ? requestedNode
            : throw new AccessDeniedException($"调解组织 {requestedNode} 不在本人所在组织 {own} 及其下级范围内");
    }
}
