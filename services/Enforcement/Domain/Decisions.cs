using Zaili.SharedKernel;

namespace Zaili.Enforcement.Domain;

public enum LegalOpinion
{
    /// <summary>同意</summary>
    Approve,
    /// <summary>修改后再审</summary>
    Revise,
    /// <summary>不同意</summary>
    Reject,
}

/// <summary>
/// 重大执法决定法制审核 and 行政执法公示 for decisions: a major decision cannot be issued before the
/// legal reviewer's latest opinion approves it; an issued decision must be published within 7 working days.
/// </summary>
public static class DecisionRules
{
    public const int PublishWithinWorkingDays = 7;

    public static void EnsureMayDecide(bool major, LegalOpinion? latestOpinion, bool alreadyDecided)
    {
        if (alreadyDecided)
        {
            throw new InvalidTransitionException("执法案件", "Decided", "Decide", ["Publish", "Close"]);
        }
        if (major && latestOpinion != LegalOpinion.Approve)
        {
            throw new InvalidTransitionException("重大执法决定", latestOpinion?.ToString() ?? "NotReviewed", "Decide", ["LegalReview"]);
        }
    }

    public static DateOnly PublishDueOn(DateOnly decidedOn, WorkingDayCalendar calendar) => calendar.AddWorkingDays(decidedOn, PublishWithinWorkingDays);

    /// <summary>A person party is shown as 张*, 欧阳** ; organisations are public.</summary>
    public static string PublicPartyName(string name, bool isPerson) =>
        !isPerson || name.Length == 0 ? name : name[..1] + new string('*', Math.Max(1, name.Length - 1));
}
