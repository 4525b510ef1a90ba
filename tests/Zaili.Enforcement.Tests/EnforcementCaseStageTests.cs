using Zaili.Enforcement.Domain;

namespace Zaili.Enforcement.Tests;

public sealed class EnforcementCaseStageTests
{
    [Fact]
    public void An_ordinary_open_case_can_be_decided_without_legal_review()
    {
        var actions = new EnforcementCaseStage(Open: true, Major: false, LatestOpinion: null, Decided: false, Published: false).AllowedActions();
        Assert.Equal([EnforcementAction.AppendRecord, EnforcementAction.Decide, EnforcementAction.Close], actions);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(LegalOpinion.Revise)]
    [InlineData(LegalOpinion.Reject)]
    public void A_major_case_waits_for_an_approving_review_before_a_decision(LegalOpinion? latest)
    {
        var actions = new EnforcementCaseStage(true, true, latest, false, false).AllowedActions();
        Assert.Contains(EnforcementAction.LegalReview, actions);
        Assert.DoesNotContain(EnforcementAction.Decide, actions);
    }

    [Fact]
    public void An_approved_major_case_is_decided_and_then_published()
    {
        Assert.Equal([EnforcementAction.AppendRecord, EnforcementAction.Decide, EnforcementAction.Close],
            new EnforcementCaseStage(true, true, LegalOpinion.Approve, false, false).AllowedActions());
        Assert.Equal([EnforcementAction.AppendRecord, EnforcementAction.Publish, EnforcementAction.Close],
            new EnforcementCaseStage(true, true, LegalOpinion.Approve, true, false).AllowedActions());
        Assert.Equal([EnforcementAction.AppendRecord, EnforcementAction.Close],
            new EnforcementCaseStage(true, true, LegalOpinion.Approve, true, true).AllowedActions());
    }

    [Fact]
    public void A_closed_case_allows_nothing()
    {
        Assert.Empty(new EnforcementCaseStage(false, true, LegalOpinion.Approve, true, false).AllowedActions());
    }

    [Fact]
    public void Publication_is_overdue_only_after_its_due_day_and_only_while_unpublished()
    {
        var due = new DateOnly(2026, 11, 24);
        Assert.False(EnforcementCaseStage.PublicationOverdue(due, published: false, today: due));
        Assert.True(EnforcementCaseStage.PublicationOverdue(due, published: false, today: due.AddDays(1)));
        Assert.False(EnforcementCaseStage.PublicationOverdue(due, published: true, today: due.AddDays(10)));
        Assert.False(EnforcementCaseStage.PublicationOverdue(null, published: false, today: due));
    }
}
