namespace Zaili.Contracts;

/// <summary>矛盾纠纷类别: the category of a dispute.</summary>
public enum DisputeCategory
{
    /// <summary>婚姻家庭</summary>
    MarriageAndFamily,
    /// <summary>邻里</summary>
    Neighbourhood,
    /// <summary>土地承包</summary>
    LandContract,
    /// <summary>宅基地</summary>
    Homestead,
    /// <summary>劳动</summary>
    Labour,
    /// <summary>合同</summary>
    Contract,
    /// <summary>损害赔偿</summary>
    DamageCompensation,
    /// <summary>其他</summary>
    Other,
}

/// <summary>A level of the four-level mediation network 镇—管区—片区—村居.</summary>
public enum MediationLevel
{
    /// <summary>村居: a village or community.</summary>
    Village = 1,
    /// <summary>片区: a section grouping villages.</summary>
    Section = 2,
    /// <summary>管区: a management area grouping sections.</summary>
    ManagementArea = 3,
    /// <summary>镇: the town's one-stop mediation centre.</summary>
    Town = 4,
}

/// <summary>
/// Governance: a 十户长 reported a dispute their group could not settle; mediation takes it up.
/// </summary>
/// <param name="ReportId">The dispute report in governance; mediation quotes it back in its outcomes.</param>
/// <param name="VillageCode">12-digit statistical division code of the village.</param>
/// <param name="TownCode">12-digit division code of the town the village belongs to.</param>
/// <param name="HouseholdCount">How many households are involved.</param>
/// <param name="Category">The kind of dispute.</param>
/// <param name="Summary">What the dispute is about, without personal identifiers.</param>
/// <param name="ReportedBy">Pseudonymous id of the reporting user.</param>
/// <param name="OccurredAt">When the report was made.</param>
public sealed record DisputeReported(
    Guid ReportId,
    string VillageCode,
    string TownCode,
    int HouseholdCount,
    DisputeCategory Category,
    string Summary,
    string ReportedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Mediation opened a case (from a report, a walk-in or a referral) at a node of the network.</summary>
/// <param name="CaseId">The mediation case.</param>
/// <param name="SourceReportId">The governance report it came from, if any.</param>
/// <param name="VillageCode">Division code of the village concerned.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="NodeCode">Code of the network node that holds the case.</param>
/// <param name="Level">The level of that node.</param>
/// <param name="Category">The kind of dispute.</param>
/// <param name="OccurredAt">When the case was opened.</param>
/// <param name="DistrictReference">The district's reference, when a district system referred the dispute.</param>
public sealed record MediationCaseOpened(
    Guid CaseId,
    Guid? SourceReportId,
    string VillageCode,
    string TownCode,
    string NodeCode,
    MediationLevel Level,
    DisputeCategory Category,
    DateTimeOffset OccurredAt,
    string? DistrictReference = null) : IIntegrationEvent;

/// <summary>A mediation case ended in a written agreement (调解协议): the dispute is resolved (化解).</summary>
/// <param name="CaseId">The mediation case.</param>
/// <param name="SourceReportId">The governance report it came from, if any, so governance closes the loop.</param>
/// <param name="VillageCode">Division code of the village concerned.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="NodeCode">Code of the node where the agreement was reached.</param>
/// <param name="ResolvedAtLevel">The level that resolved it (the 小事不出村、大事不出镇 figure).</param>
/// <param name="Category">The kind of dispute.</param>
/// <param name="AgreementSummary">The agreement's terms in brief, without personal identifiers.</param>
/// <param name="DaysOpen">Whole days from opening to agreement.</param>
/// <param name="OccurredAt">When the agreement was signed and recorded.</param>
public sealed record DisputeResolved(
    Guid CaseId,
    Guid? SourceReportId,
    string VillageCode,
    string TownCode,
    string NodeCode,
    MediationLevel ResolvedAtLevel,
    DisputeCategory Category,
    string AgreementSummary,
    int DaysOpen,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Mediation failed at one level: the case moved one level up the network.</summary>
/// <param name="CaseId">The mediation case.</param>
/// <param name="SourceReportId">The governance report it came from, if any.</param>
/// <param name="VillageCode">Division code of the village concerned.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="FromNodeCode">The node that gave it up.</param>
/// <param name="FromLevel">That node's level.</param>
/// <param name="ToNodeCode">The node that holds it now.</param>
/// <param name="ToLevel">That node's level.</param>
/// <param name="Reason">Why it could not be settled below.</param>
/// <param name="OccurredAt">When it moved.</param>
public sealed record DisputeEscalated(
    Guid CaseId,
    Guid? SourceReportId,
    string VillageCode,
    string TownCode,
    string FromNodeCode,
    MediationLevel FromLevel,
    string ToNodeCode,
    MediationLevel ToLevel,
    string Reason,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// Mediation failed at town level and the dispute was referred out of the town (court, arbitration,
/// another department): the one outcome that counts against 矛盾不上交.
/// </summary>
/// <param name="CaseId">The mediation case.</param>
/// <param name="SourceReportId">The governance report it came from, if any.</param>
/// <param name="VillageCode">Division code of the village concerned.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="NodeCode">The town node that referred it.</param>
/// <param name="Category">The kind of dispute.</param>
/// <param name="Destination">Court, Arbitration or OtherDepartment.</param>
/// <param name="Reason">Why mediation could not settle it.</param>
/// <param name="DaysOpen">Whole days from opening to referral.</param>
/// <param name="OccurredAt">When it was referred.</param>
public sealed record DisputeReferredOut(
    Guid CaseId,
    Guid? SourceReportId,
    string VillageCode,
    string TownCode,
    string NodeCode,
    DisputeCategory Category,
    string Destination,
    string Reason,
    int DaysOpen,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A district system referred a dispute to the town (e.g. from a district hotline).</summary>
/// <param name="DistrictReference">The district's own reference: a referral is taken once per reference.</param>
/// <param name="VillageCode">Division code of the village concerned.</param>
/// <param name="Category">The kind of dispute.</param>
/// <param name="Summary">What the dispute is about, without personal identifiers.</param>
/// <param name="HouseholdCount">How many households are involved.</param>
/// <param name="OccurredAt">When the district referred it.</param>
public sealed record DisputeReferredByDistrict(
    string DistrictReference,
    string VillageCode,
    DisputeCategory Category,
    string Summary,
    int HouseholdCount,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
