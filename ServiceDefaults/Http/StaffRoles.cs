namespace Zaili.ServiceDefaults.Http;

/// <summary>
/// The roles of the town's staff and of the systems that call the platform. A role says what kind of work
/// someone does; the department, villages, group or mediation node on their account say where.
/// </summary>
public static class StaffRoles
{
    /// <summary>系统管理员: accounts, clients, audit. Sees everything.</summary>
    public const string Administrator = "Administrator";

    /// <summary>司法所: mediation, legal education, village legality review oversight.</summary>
    public const string JusticeOffice = "JusticeOffice";

    /// <summary>综治中心: grassroots governance, dispute reports, appeals.</summary>
    public const string GovernanceCentre = "GovernanceCentre";

    /// <summary>安环办, 卫健办 and the other enforcement departments: their own enforcement cases.</summary>
    public const string EnforcementDepartment = "EnforcementDepartment";

    /// <summary>党政办: figures and the annual report.</summary>
    public const string PartyGovernmentOffice = "PartyGovernmentOffice";

    /// <summary>村法律顾问: reviews the matters of the villages on their account.</summary>
    public const string VillageCounsel = "VillageCounsel";

    /// <summary>十户长: their own ten-household group.</summary>
    public const string HouseholdHead = "HouseholdHead";

    /// <summary>调解员: cases of their mediation node and below.</summary>
    public const string Mediator = "Mediator";

    /// <summary>A district system with client credentials, scoped to a division code.</summary>
    public const string DistrictSystem = "DistrictSystem";

    public static readonly IReadOnlySet<string> StaffRoleNames = new HashSet<string>(StringComparer.Ordinal)
    {
        Administrator, JusticeOffice, GovernanceCentre, EnforcementDepartment, PartyGovernmentOffice, VillageCounsel, HouseholdHead, Mediator,
    };

    /// <summary>Roles whose work is tied to places: an account with one of them must name where.</summary>
    public static string? MissingScope(string role, IReadOnlyCollection<string> villages, string? group, string? mediationNode, string? department) => role switch
    {
        VillageCounsel when villages.Count == 0 => "村法律顾问须指定所服务的村居",
        HouseholdHead when string.IsNullOrWhiteSpace(group) => "十户长须指定所负责的十联户小组",
        Mediator when string.IsNullOrWhiteSpace(mediationNode) => "调解员须指定所在的调解组织",
        EnforcementDepartment when string.IsNullOrWhiteSpace(department) => "执法人员须指定所在部门",
        _ => null,
    };
}
