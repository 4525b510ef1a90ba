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

/// <summary>What a staff member can do next with an enforcement case: the console offers exactly these.</summary>
public enum EnforcementAction
{
    AppendRecord,
    LegalReview,
    Decide,
    Publish,
    Close,
}

/// <summary>A case's stage in the decision path, from its stored facts, and the actions that stage allows.</summary>
public sealed record EnforcementCaseStage(bool Open, bool Major, LegalOpinion? LatestOpinion, bool Decided, bool Published)
{
    public IReadOnlyList<EnforcementAction> AllowedActions()
    {
        if (!Open)
        {
            return [];
        }
        var actions = new List<EnforcementAction> { EnforcementAction.AppendRecord };
        if (Major && !Decided && LatestOpinion != LegalOpinion.Approve)
        {
            actions.Add(EnforcementAction.LegalReview);
        }
        if (!Decided && (!Major || LatestOpinion == LegalOpinion.Approve))
        {
            actions.Add(EnforcementAction.Decide);
        }
        if (Decided && !Published)
        {
            actions.Add(EnforcementAction.Publish);
        }
        actions.Add(EnforcementAction.Close);
        return actions;
    }

    /// <summary>Decided, not yet published, and its 7 working days are over.</summary>
    public static bool PublicationOverdue(DateOnly? publishDueOn, bool published, DateOnly today) =>
        !published && publishDueOn is { } due && today > due;
}
