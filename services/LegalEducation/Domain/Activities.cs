using Zaili.SharedKernel;

namespace Zaili.LegalEducation.Domain;

public enum ActivityKind
{
    /// <summary>4.15 全民国家安全教育日</summary>
    NationalSecurityEducationDay,
    /// <summary>12.4 国家宪法日</summary>
    ConstitutionDay,
    /// <summary>法律赶大集</summary>
    MarketDayLawStall,
    /// <summary>普法六进</summary>
    SixIntos,
    /// <summary>法治讲座</summary>
    Lecture,
    /// <summary>以案释法</summary>
    CaseExplanation,
    /// <summary>新媒体普法</summary>
    NewMedia,
}

/// <summary>普法六进: into 机关, 乡村, 社区, 学校, 企业, 单位.</summary>
public enum SixIntosTarget
{
    Organs,
    Villages,
    Communities,
    Schools,
    Enterprises,
    Units,
}

public enum Responsibility
{
    /// <summary>谁执法谁普法</summary>
    WhoEnforces,
    /// <summary>谁管理谁普法</summary>
    WhoManages,
    /// <summary>谁服务谁普法</summary>
    WhoServes,
}

public enum TaskState
{
    Done,
    Due,
    Overdue,
}

/// <summary>The rules an activity (普法活动) must meet to be counted.</summary>
public static class ActivityRules
{
    public static void Check(ActivityKind kind, SixIntosTarget? target, DateOnly heldOn, IReadOnlyCollection<string> departments, int laws, int materials, int people, DateOnly today)
    {
        if (kind == ActivityKind.SixIntos && target is null)
        {
            throw new DomainRuleException("普法六进活动应写明进机关、乡村、社区、学校、企业或单位", "activity-target");
        }
        if (kind != ActivityKind.SixIntos && target is not null)
        {
            throw new DomainRuleException("只有普法六进活动填写进入对象", "activity-target");
        }
        if (heldOn > today)
        {
            throw new DomainRuleException("活动日期不能晚于今天（尚未举办的活动请列入年度计划）", "activity-date");
        }
        if (departments.Count == 0)
        {
            throw new DomainRuleException("活动应至少有一个组织部门", "activity-departments");
        }
        if (laws == 0 && kind != ActivityKind.NewMedia)
        {
            throw new DomainRuleException("活动应写明宣传的法律法规", "activity-laws");
        }
        if (materials < 0 || people < 0)
        {
            throw new DomainRuleException("发放材料数和覆盖人数不能为负", "activity-counts");
        }
    }

    public static TaskState StateOf(DateOnly dueOn, DateOnly? completedOn, DateOnly today) =>
        completedOn is not null ? TaskState.Done : today > dueOn ? TaskState.Overdue : TaskState.Due;
}

/// <summary>The fact an activity publishes for reporting, with its laws under their catalogue keys.</summary>
public static class ActivityFacts
{
    public static Zaili.Contracts.LegalEducationActivityHeld Held(
        Guid id, string townCode, string? villageCode, ActivityKind kind, IReadOnlyList<string> departments, IEnumerable<string> laws,
        int materials, int peopleReached, DateOnly heldOn, DateTimeOffset now) =>
        new(id, townCode, villageCode, kind.ToString(), departments,
            LawCatalogue.Distinct(laws).Select(law => new Zaili.Contracts.LawCovered(law.Key, law.Value)).ToList(),
            materials, peopleReached, heldOn, now);
}
