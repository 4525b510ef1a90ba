using Zaili.Contracts;
using Zaili.SharedKernel;

namespace Zaili.Governance.Domain;

public enum DisputeReportStatus
{
    /// <summary>已上报: sent to mediation, not yet taken up.</summary>
    Reported,
    /// <summary>调解中: mediation opened a case.</summary>
    InMediation,
    /// <summary>已化解: mediation reached an agreement.</summary>
    Resolved,
    /// <summary>已移出: mediation failed at town level and the dispute was referred to a court, arbitration or another department.</summary>
    ReferredOut,
    /// <summary>已就地化解: the group settled it itself (妥善处置); it never went to mediation.</summary>
    HandledLocally,
}

/// <summary>
/// A dispute a 十户长 could not settle in the group and reported for mediation. Mediation's outcomes
/// move it forward only: a late or repeated event never moves it back (events of different queues
/// may arrive out of order).
/// </summary>
public sealed class DisputeReport
{
    public const int MaxSummaryLength = 2000;
    public const int MaxHouseholds = 200;

    public required Guid Id { get; init; }
    public required string VillageCode { get; init; }
    public required string TownCode { get; init; }
    public required int HouseholdCount { get; init; }
    public required DisputeCategory Category { get; init; }
    public required string Summary { get; init; }
    public required string ReportedBy { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
    public DisputeReportStatus Status { get; private set; }
    public Guid? MediationCaseId { get; private set; }
    public string? MediationNode { get; private set; }
    public MediationLevel? MediationLevel { get; private set; }
    public string? Outcome { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static DisputeReport File(Village? village, string villageCode, int householdCount, DisputeCategory category, string summary, string reportedBy, DateTimeOffset now)
    {
        if (village is null)
        {
            throw VillageErrors.Unknown(villageCode);
        }
        if (householdCount is < 1 or > MaxHouseholds)
        {
            throw new DomainRuleException($"涉及户数应在1至{MaxHouseholds}之间", "household-count");
        }
        var text = summary.Trim();
        if (text.Length is 0 or > MaxSummaryLength)
        {
            throw new DomainRuleException($"纠纷简述不能为空且不超过{MaxSummaryLength}字", "summary-length");
        }
        return new DisputeReport
        {
            Id = Guid.CreateVersion7(now),
            VillageCode = village.Code,
            TownCode = village.TownCode,
            HouseholdCount = householdCount,
            Category = category,
            Summary = text,
            ReportedBy = reportedBy,
            ReportedAt = now,
            Status = DisputeReportStatus.Reported,
            UpdatedAt = now,
        };
    }

    /// <summary>A dispute the group settled itself (妥善处置), recorded with its result.</summary>
    public static DisputeReport HandleLocally(Village? village, string villageCode, int householdCount, DisputeCategory category, string summary, string result, string reportedBy, DateTimeOffset now)
    {
        var report = File(village, villageCode, householdCount, category, summary, reportedBy, now);
        var text = result.Trim();
        if (text.Length is 0 or > MaxSummaryLength)
        {
            throw new DomainRuleException($"处置结果不能为空且不超过{MaxSummaryLength}字", "result-length");
        }
        report.Status = DisputeReportStatus.HandledLocally;
        report.Outcome = text;
        report.ResolvedAt = now;
        return report;
    }

    public static DisputeReport Restore(DisputeReportRecord record) => new()
    {
        Id = record.Id,
        VillageCode = record.VillageCode,
        TownCode = record.TownCode,
        HouseholdCount = record.HouseholdCount,
        Category = Enum.Parse<DisputeCategory>(record.Category),
        Summary = record.Summary,
        ReportedBy = record.ReportedBy,
        ReportedAt = record.ReportedAt,
        Status = Enum.Parse<DisputeReportStatus>(record.Status),
        MediationCaseId = record.MediationCaseId,
        MediationNode = record.MediationNode,
        MediationLevel = record.MediationLevel is null ? null : Enum.Parse<MediationLevel>(record.MediationLevel),
        Outcome = record.Outcome,
        ResolvedAt = record.ResolvedAt,
        UpdatedAt = record.UpdatedAt,
    };

    /// <summary>Mediation took the report up. Returns whether anything changed.</summary>
    public bool CaseOpened(Guid caseId, string nodeCode, MediationLevel level, DateTimeOffset at)
    {
        if (Status != DisputeReportStatus.Reported)
        {
            return false;
        }
        Status = DisputeReportStatus.InMediation;
        MediationCaseId = caseId;
        MediationNode = nodeCode;
        MediationLevel = level;
        UpdatedAt = at;
        return true;
    }

    /// <summary>The case moved up the network; the report follows it while it is in mediation.</summary>
    public bool Escalated(Guid caseId, string toNodeCode, MediationLevel toLevel, DateTimeOffset at)
    {
        if (Status is DisputeReportStatus.Resolved or DisputeReportStatus.ReferredOut or DisputeReportStatus.HandledLocally
            || (MediationLevel is { } current && (int)current >= (int)toLevel))
        {
            return false;
        }
        Status = DisputeReportStatus.InMediation;
        MediationCaseId = caseId;
        MediationNode = toNodeCode;
        MediationLevel = toLevel;
        UpdatedAt = at;
        return true;
    }

    /// <summary>Mediation failed at town level and referred the dispute out. Returns whether anything changed.</summary>
    public bool ReferredOut(Guid caseId, string nodeCode, string destination, string reason, DateTimeOffset at)
    {
        if (Status is DisputeReportStatus.Resolved or DisputeReportStatus.ReferredOut or DisputeReportStatus.HandledLocally)
        {
            return false;
        }
        Status = DisputeReportStatus.ReferredOut;
        MediationCaseId = caseId;
        MediationNode = nodeCode;
        MediationLevel = Contracts.MediationLevel.Town;
        Outcome = $"{destination}: {reason}";
        ResolvedAt = at;
        UpdatedAt = at;
        return true;
    }

    /// <summary>Mediation reached an agreement. Returns whether anything changed.</summary>
    public bool Resolved(Guid caseId, string nodeCode, MediationLevel level, string agreementSummary, DateTimeOffset at)
    {
        if (Status is DisputeReportStatus.Resolved or DisputeReportStatus.ReferredOut or DisputeReportStatus.HandledLocally)
        {
            return false;
        }
        Status = DisputeReportStatus.Resolved;
        MediationCaseId = caseId;
        MediationNode = nodeCode;
        MediationLevel = level;
        Outcome = agreementSummary;
        ResolvedAt = at;
        UpdatedAt = at;
        return true;
    }
}

/// <summary>The row shape of a dispute report.</summary>
public sealed class DisputeReportRecord
{
    public Guid Id { get; init; }
    public string VillageCode { get; init; } = "";
    public string TownCode { get; init; } = "";
    public int HouseholdCount { get; init; }
    public string Category { get; init; } = "";
    public string Summary { get; init; } = "";
    public string ReportedBy { get; init; } = "";
    public DateTimeOffset ReportedAt { get; init; }
    public string Status { get; init; } = "";
    public Guid? MediationCaseId { get; init; }
    public string? MediationNode { get; init; }
    public string? MediationLevel { get; init; }
    public string? Outcome { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
