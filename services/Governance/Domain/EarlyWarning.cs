using Zaili.Contracts;
using Zaili.SharedKernel;

namespace Zaili.Governance.Domain;

/// <summary>
/// 预警信息: a risk a 十户长 saw early. A dispute risk of the highest severity is not left as a warning:
/// it becomes a dispute report for mediation at once.
/// </summary>
public sealed record EarlyWarning(
    Guid Id, string VillageCode, string TownCode, Guid? GroupId, WarningCategory Category, int Severity,
    IReadOnlyList<Guid> HouseholdIds, string Description, string RaisedBy, DateTimeOffset RaisedAt, Guid? DisputeReportId)
{
    public const int MaxSeverity = 3;

    public static bool BecomesDisputeReport(WarningCategory category, int severity) =>
        category == WarningCategory.DisputeRisk && severity == MaxSeverity;

    public static EarlyWarning Raise(
        Village village, TenHouseholdGroup? group, WarningCategory category, int severity, IReadOnlyCollection<Household> households,
        string description, string raisedBy, DateTimeOffset now)
    {
        if (severity is < 1 or > MaxSeverity)
        {
            throw new DomainRuleException("预警等级应为1至3级", "warning-severity");
        }
        var text = description.Trim();
        if (text.Length is < 2 or > 2000)
        {
            throw new DomainRuleException("预警内容应为2至2000字", "warning-description");
        }
        if (households.FirstOrDefault(h => h.VillageCode != village.Code) is { } stranger)
        {
            throw new DomainRuleException($"户 {stranger.HouseholderName} 不属于{village.Name}", "warning-other-village");
        }
        if (group is not null && group.VillageCode != village.Code)
        {
            throw new DomainRuleException("十联户组不属于该村居", "warning-group");
        }
        return new EarlyWarning(Guid.CreateVersion7(now), village.Code, village.TownCode, group?.Id, category, severity,
            households.Select(h => h.Id).ToList(), text, raisedBy, now, null);
    }

    /// <summary>The dispute report a high-severity dispute risk turns into.</summary>
    public DisputeReport ToDisputeReport(Village village, DateTimeOffset now) =>
        DisputeReport.File(village, VillageCode, Math.Max(1, HouseholdIds.Count), DisputeCategory.Other, "【预警转报】" + Description, RaisedBy, now);
}

public enum WarningCategory
{
    /// <summary>矛盾纠纷隐患</summary>
    DisputeRisk,
    /// <summary>安全隐患</summary>
    SafetyHazard,
    /// <summary>卫生健康</summary>
    Health,
    /// <summary>其他</summary>
    Other,
}
