namespace Zaili.Mediation.Domain;

/// <summary>
/// How far a mediator's work reaches: the cases of their own node and of every node below it
/// (a 村居 mediator their village; a 管区 mediator every 片区 and 村居 under it). A case escalated above
/// the mediator's node leaves their reach, as it leaves their level of the network.
/// </summary>
public static class CaseReach
{
    public static bool Covers(string mediatorNode, IReadOnlyCollection<string> caseNodeAndAncestors) =>
        caseNodeAndAncestors.Contains(mediatorNode, StringComparer.Ordinal);
}
