using Zaili.SharedKernel;

namespace Zaili.Governance.Domain;

/// <summary>A household (户) of a village, as the 十户长 visit it. The contact phone is stored encrypted.</summary>
public sealed record Household(Guid Id, string VillageCode, string HouseholderName, string Address, int MemberCount, string ContactMasked, Guid? GroupId)
{
    public static Household Register(Village village, string householderName, string address, int memberCount, string contactPhone, DateTimeOffset now)
    {
        var name = householderName.Trim();
        var place = address.Trim();
        if (name.Length is < 1 or > 30)
        {
            throw new DomainRuleException("户主姓名应为1至30个字", "household-name");
        }
        if (place.Length is < 2 or > 200)
        {
            throw new DomainRuleException("住址应为2至200个字", "household-address");
        }
        if (memberCount is < 1 or > 30)
        {
            throw new DomainRuleException("家庭人口应在1至30之间", "household-members");
        }
        return new Household(Guid.CreateVersion7(now), village.Code, name, place, memberCount, PhoneNumbers.Mask(PhoneNumbers.Validate(contactPhone)), null);
    }
}

/// <summary>A ten-household group (十联户) and its head (十户长).</summary>
public sealed class TenHouseholdGroup
{
    public const int MinHouseholds = 5;
    public const int MaxHouseholds = 15;

    public required Guid Id { get; init; }
    public required string VillageCode { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<Guid> HouseholdIds { get; init; }
    public Guid? HeadHouseholdId { get; private set; }
    public string? HeadName { get; private set; }
    public DateTimeOffset? HeadChosenAt { get; private set; }

    /// <summary>
    /// Draws a group from households of one village that belong to no group yet: about ten, at least 5
    /// and at most 15 (a group outside that range is refused with the reason).
    /// </summary>
    public static TenHouseholdGroup Draw(Village village, string name, IReadOnlyCollection<Household> households, DateTimeOffset now)
    {
        var title = name.Trim();
        if (title.Length is < 1 or > 50)
        {
            throw new DomainRuleException("十联户组名称应为1至50个字", "group-name");
        }
        if (households.Select(h => h.Id).Distinct().Count() != households.Count)
        {
            throw new DomainRuleException("同一户不能重复列入一个十联户组", "group-duplicate-household");
        }
        if (households.Count < MinHouseholds)
        {
            throw new DomainRuleException($"十联户组至少应有{MinHouseholds}户，现有{households.Count}户：户数过少，请与相邻户合并", "group-too-small");
        }
        if (households.Count > MaxHouseholds)
        {
            throw new DomainRuleException($"十联户组至多{MaxHouseholds}户，现有{households.Count}户：户数过多，请拆分为两个组", "group-too-large");
        }
        if (households.FirstOrDefault(h => h.VillageCode != village.Code) is { } stranger)
        {
            throw new DomainRuleException($"户 {stranger.HouseholderName} 不属于{village.Name}", "group-other-village");
        }
        if (households.FirstOrDefault(h => h.GroupId is not null) is { } taken)
        {
            throw new DomainRuleException($"户 {taken.HouseholderName} 已属于另一个十联户组，一户只能属于一个组", "household-in-group");
        }
        return new TenHouseholdGroup { Id = Guid.CreateVersion7(now), VillageCode = village.Code, Name = title, HouseholdIds = households.Select(h => h.Id).ToList() };
    }

    public static TenHouseholdGroup Restore(Guid id, string villageCode, string name, IReadOnlyList<Guid> households, Guid? headHouseholdId, string? headName, DateTimeOffset? chosenAt)
    {
        var group = new TenHouseholdGroup { Id = id, VillageCode = villageCode, Name = name, HouseholdIds = households };
        group.HeadHouseholdId = headHouseholdId;
        group.HeadName = headName;
        group.HeadChosenAt = chosenAt;
        return group;
    }

    public bool Contains(Guid householdId) => HouseholdIds.Contains(householdId);

    public sealed record Candidate(Guid HouseholdId, string Name);

    public sealed record Vote(Guid VoterHouseholdId, Guid CandidateHouseholdId);

    public sealed record ElectionResult(Candidate Winner, IReadOnlyDictionary<Guid, int> Tally, int Turnout);

    /// <summary>
    /// 推选: candidates live in the group; each household of the group votes once for a candidate; more
    /// than half of the households must vote; the candidate with most votes becomes the head. A tie is
    /// no choice. A group has one head: choosing again while it has one is refused.
    /// </summary>
    public ElectionResult ChooseHead(IReadOnlyCollection<Candidate> candidates, IReadOnlyCollection<Vote> votes, DateTimeOffset now)
    {
        if (HeadHouseholdId is not null)
        {
            throw new InvalidTransitionException("十联户组", "HasHead", "ChooseHead", []);
        }
        if (candidates.Count == 0)
        {
            throw new DomainRuleException("推选至少需要一名候选人", "election-no-candidates");
        }
        if (candidates.FirstOrDefault(c => !Contains(c.HouseholdId)) is { } outsider)
        {
            throw new DomainRuleException($"候选人 {outsider.Name} 不住在本组，十户长应从本组住户中推选", "election-candidate-outside");
        }
        if (candidates.Select(c => c.HouseholdId).Distinct().Count() != candidates.Count)
        {
            throw new DomainRuleException("同一户只能有一名候选人", "election-duplicate-candidate");
        }
        if (votes.FirstOrDefault(v => !Contains(v.VoterHouseholdId)) is { } foreign)
        {
            throw new DomainRuleException($"投票户 {foreign.VoterHouseholdId} 不属于本组", "election-voter-outside");
        }
        if (votes.GroupBy(v => v.VoterHouseholdId).Any(g => g.Count() > 1))
        {
            throw new DomainRuleException("每户只能投一票", "election-double-vote");
        }
        if (votes.FirstOrDefault(v => candidates.All(c => c.HouseholdId != v.CandidateHouseholdId)) is { } stray)
        {
            throw new DomainRuleException($"选票投给了非候选人 {stray.CandidateHouseholdId}", "election-stray-vote");
        }
        if (votes.Count * 2 <= HouseholdIds.Count)
        {
            throw new DomainRuleException($"参加推选的户数（{votes.Count}）应超过本组户数（{HouseholdIds.Count}）的一半", "election-turnout");
        }
        var tally = candidates.ToDictionary(c => c.HouseholdId, c => votes.Count(v => v.CandidateHouseholdId == c.HouseholdId));
        var top = tally.Values.Max();
        var leaders = tally.Where(t => t.Value == top).ToList();
        if (leaders.Count > 1)
        {
            throw new DomainRuleException("得票相同，需重新推选", "election-tie");
        }
        var winner = candidates.Single(c => c.HouseholdId == leaders[0].Key);
        HeadHouseholdId = winner.HouseholdId;
        HeadName = winner.Name.Trim();
        HeadChosenAt = now;
        return new ElectionResult(winner, tally, votes.Count);
    }

    /// <summary>入户走访: a head visits the households of the own group only.</summary>
    public void EnsureCanVisit(Household household)
    {
        if (HeadHouseholdId is null)
        {
            throw new DomainRuleException("本组尚未推选十户长", "group-no-head");
        }
        if (!Contains(household.Id))
        {
            throw new DomainRuleException($"户 {household.HouseholderName} 不属于{Name}，十户长只走访本组住户", "visit-outside-group");
        }
    }
}
