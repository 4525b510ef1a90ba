using Zaili.SharedKernel;

namespace Zaili.Reporting.Domain;

public enum ReportStatus
{
    /// <summary>草稿: figures frozen at the snapshot's time, narrative being written.</summary>
    Draft,
    /// <summary>已审定: approved, waiting to be submitted.</summary>
    Approved,
    /// <summary>已报送: submitted to the district; never changes again.</summary>
    Submitted,
}

/// <summary>The parts of the report people write; the figures are counted, these are not.</summary>
/// <param name="Introduction">The opening paragraph before 一、; a standard one is used when empty.</param>
/// <param name="Supplements">Staff's own sentences added after the counted ones of each part (一)…(五), keyed 1 to 5.</param>
/// <param name="Leadership">二、党政主要负责人履行推进法治建设第一责任人职责情况.</param>
/// <param name="Shortcomings">三、推进法治政府建设存在的不足和原因.</param>
/// <param name="NextYear">四、下一年度推进法治政府建设的主要安排.</param>
public sealed record ReportNarrative(string? Introduction, IReadOnlyDictionary<int, string> Supplements, string? Leadership, string? Shortcomings, string? NextYear)
{
    public static ReportNarrative Empty { get; } = new(null, new Dictionary<int, string>(), null, null, null);

    public IReadOnlyList<string> MissingSections() =>
        new[] { (Leadership, "二、党政主要负责人履行第一责任人职责情况"), (Shortcomings, "三、存在的不足和原因"), (NextYear, "四、下一年度主要安排") }
            .Where(section => string.IsNullOrWhiteSpace(section.Item1)).Select(section => section.Item2).ToList();
}

/// <summary>
/// 法治政府建设情况报告: one version of one town's report for one year. Draft → Approved → Submitted; a
/// submitted version never changes, and corrections go into a new version.
/// </summary>
public sealed class AnnualReport
{
    public required Guid Id { get; init; }
    public required string TownCode { get; init; }
    public required string TownName { get; init; }
    public required string Issuer { get; init; }
    public required int Year { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public ReportStatus Status { get; private set; }
    public FigureSet Figures { get; private set; } = null!;
    public ReportNarrative Narrative { get; private set; } = ReportNarrative.Empty;
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }

    public static AnnualReport Draft(string townCode, string townName, string issuer, int year, FigureSet figures, string by, DateTimeOffset now)
    {
        if (figures.TownCode != townCode || figures.Year != year)
        {
            throw new ArgumentException("The figures are of another town or year", nameof(figures));
        }
        if (year > ChinaTime.DateOf(now).Year)
        {
            throw new DomainRuleException($"{year}年度尚未开始，不能起草报告", "report-year");
        }
        return new AnnualReport
        {
            Id = Guid.CreateVersion7(now), TownCode = townCode, TownName = townName.Trim(), Issuer = issuer.Trim(), Year = year, Version = 1,
            CreatedAt = now, CreatedBy = by, Status = ReportStatus.Draft, Figures = figures,
        };
    }

    public static AnnualReport Restore(
        Guid id, string townCode, string townName, string issuer, int year, int version, DateTimeOffset createdAt, string createdBy, ReportStatus status,
        FigureSet figures, ReportNarrative narrative, string? approvedBy, DateTimeOffset? approvedAt, string? submittedBy, DateTimeOffset? submittedAt) =>
        new()
        {
            Id = id, TownCode = townCode, TownName = townName, Issuer = issuer, Year = year, Version = version, CreatedAt = createdAt, CreatedBy = createdBy,
            Status = status, Figures = figures, Narrative = narrative, ApprovedBy = approvedBy, ApprovedAt = approvedAt,
            SubmittedBy = submittedBy, SubmittedAt = submittedAt,
        };

    public void EditNarrative(ReportNarrative narrative)
    {
        Require(ReportStatus.Draft, "EditNarrative");
        if (narrative.Supplements.Keys.FirstOrDefault(part => part is < 1 or > 5) is var part && part != 0)
        {
            throw new DomainRuleException($"补充内容只能写在第（一）至第（五）部分，没有第{part}部分", "report-part");
        }
        Narrative = narrative;
    }

    /// <summary>Counts the figures again (a new snapshot) while the report is still a draft.</summary>
    public void RefreshFigures(FigureSet figures)
    {
        Require(ReportStatus.Draft, "RefreshFigures");
        Figures = figures;
    }

    public void Approve(string by, DateTimeOffset now)
    {
        Require(ReportStatus.Draft, "Approve");
        if (Narrative.MissingSections() is { Count: > 0 } missing)
        {
            throw new DomainRuleException("审定前须撰写：" + string.Join("；", missing), "report-narrative-missing");
        }
        Status = ReportStatus.Approved;
        ApprovedBy = by;
        ApprovedAt = now;
    }

    public void Submit(string by, DateTimeOffset now)
    {
        Require(ReportStatus.Approved, "Submit");
        Status = ReportStatus.Submitted;
        SubmittedBy = by;
        SubmittedAt = now;
    }

    /// <summary>A new draft after submission: the narrative carried over, the figures counted afresh.</summary>
    public AnnualReport NextVersion(FigureSet figures, string by, DateTimeOffset now)
    {
        Require(ReportStatus.Submitted, "NewVersion");
        return new AnnualReport
        {
            Id = Guid.CreateVersion7(now), TownCode = TownCode, TownName = TownName, Issuer = Issuer, Year = Year, Version = Version + 1,
            CreatedAt = now, CreatedBy = by, Status = ReportStatus.Draft, Figures = figures, Narrative = Narrative,
        };
    }

    public IReadOnlyList<string> AllowedActions() => Status switch
    {
        ReportStatus.Draft => ["EditNarrative", "RefreshFigures", "Approve"],
        ReportStatus.Approved => ["Submit"],
        _ => ["NewVersion"],
    };

    private void Require(ReportStatus status, string action)
    {
        if (Status != status)
        {
            throw new InvalidTransitionException("法治政府建设情况报告", Status.ToString(), action, AllowedActions());
        }
    }
}
