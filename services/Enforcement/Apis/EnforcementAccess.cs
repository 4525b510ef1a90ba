using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;

namespace Zaili.Enforcement.Apis;

/// <summary>The object-level rule of enforcement: 司法所 oversees the town; an enforcement department works its own cases and officers.</summary>
public static class EnforcementAccess
{
    public static bool SeesWholeTown(Caller caller) => caller.ActsTownWide(StaffRoles.JusticeOffice);

    /// <summary>Another department's case does not exist for the caller (404): not even its existence is disclosed.</summary>
    public static void EnsureOwnCase(Caller caller, Guid caseId, string caseDepartment)
    {
        if (!SeesWholeTown(caller) && !string.Equals(caller.Department, caseDepartment, StringComparison.Ordinal))
        {
            throw new RecordNotFoundException("执法案件", caseId.ToString());
        }
    }

    public static void EnsureOwnDepartment(Caller caller, string department)
    {
        if (!SeesWholeTown(caller) && !string.Equals(caller.Department, department, StringComparison.Ordinal))
        {
            throw new AccessDeniedException($"只能办理本部门（{caller.Department}）的执法事项，不能代 {department} 办理");
        }
    }

    /// <summary>The department a list is bounded by: any (or the one asked for) town-wide, else the caller's own.</summary>
    public static string? DepartmentFor(Caller caller, string? requested)
    {
        if (SeesWholeTown(caller))
        {
            return requested;
        }
        EnsureOwnDepartment(caller, requested ?? caller.Department ?? "");
        return caller.Department;
    }
}
