using Zaili.SharedKernel;

namespace Zaili.Enforcement.Domain;

public enum LawsuitOutcome
{
    /// <summary>胜诉</summary>
    Won,
    /// <summary>败诉</summary>
    Lost,
    /// <summary>撤诉</summary>
    Withdrawn,
}

public enum DocumentStatus
{
    Draft,
    Reviewed,
    Published,
    Filed,
}

/// <summary>
/// The rules of the oversight records: 出庭应诉率 and 败诉率 of administrative litigation, the 30-day filing
/// of normative documents (规范性文件备案审查), and answers to disclosure requests (依申请公开) within 20
/// working days, extendable once by 20 with a reason.
/// </summary>
public static class Oversight
{
    public const int FilingWithinDays = 30;
    public const int DisclosureWorkingDays = 20;

    /// <summary>出庭应诉率: hearings the agency head attended, of all hearings.</summary>
    public static decimal? AppearanceRate(int hearings, int headAppeared) => hearings == 0 ? null : Math.Round((decimal)headAppeared / hearings, 4);

    /// <summary>败诉率: lost, of lawsuits decided (won or lost; withdrawn ones are not decided on the merits).</summary>
    public static decimal? LossRate(int won, int lost) => won + lost == 0 ? null : Math.Round((decimal)lost / (won + lost), 4);

    public static void EnsureDocumentStep(DocumentStatus current, DocumentStatus next)
    {
        var expected = next switch
        {
            DocumentStatus.Reviewed => DocumentStatus.Draft,
            DocumentStatus.Published => DocumentStatus.Reviewed,
            DocumentStatus.Filed => DocumentStatus.Published,
            _ => (DocumentStatus?)null,
        };
        if (expected != current)
        {
            throw new InvalidTransitionException("规范性文件", current.ToString(), next.ToString(), current switch
            {
                DocumentStatus.Draft => [nameof(DocumentStatus.Reviewed)],
                DocumentStatus.Reviewed => [nameof(DocumentStatus.Published)],
                DocumentStatus.Published => [nameof(DocumentStatus.Filed)],
                _ => [],
            });
        }
    }

    public static DateOnly FilingDueOn(DateOnly publishedOn) => publishedOn.AddDays(FilingWithinDays);

    public static DateOnly DisclosureDueOn(DateOnly receivedOn, WorkingDayCalendar calendar) => calendar.AddWorkingDays(receivedOn, DisclosureWorkingDays);

    /// <summary>One extension of 20 working days, with a reason, before the first deadline has passed.</summary>
    public static DateOnly Extend(DateOnly dueOn, bool alreadyExtended, string reason, DateOnly today, WorkingDayCalendar calendar)
    {
        if (alreadyExtended)
        {
            throw new DomainRuleException("依申请公开只能延长一次答复期限", "disclosure-extended");
        }
        if (today > dueOn)
        {
            throw new DomainRuleException("答复期限已过，不能再延长", "disclosure-late-extension");
        }
        if (reason.Trim().Length < 2)
        {
            throw new DomainRuleException("延长答复期限应说明理由", "disclosure-reason");
        }
        return calendar.AddWorkingDays(dueOn, DisclosureWorkingDays);
    }
}
