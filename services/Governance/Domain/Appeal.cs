using Zaili.SharedKernel;

namespace Zaili.Governance.Domain;

public enum AppealStatus
{
    /// <summary>已收集</summary>
    Collected,
    /// <summary>已交办: assigned to a department.</summary>
    Assigned,
    /// <summary>已解决 (解决群众困难)</summary>
    Solved,
    /// <summary>已答复: answered, though not solved (e.g. outside the town's powers).</summary>
    Answered,
}

/// <summary>群众诉求: what a household needs, handed to a department and tracked to an end.</summary>
public sealed class Appeal
{
    public required Guid Id { get; init; }
    public required string VillageCode { get; init; }
    public required string TownCode { get; init; }
    public Guid? HouseholdId { get; init; }
    public required string Need { get; init; }
    public required string CollectedBy { get; init; }
    public required DateTimeOffset CollectedAt { get; init; }
    public AppealStatus Status { get; private set; }
    public string? Department { get; private set; }
    public DateTimeOffset? AssignedAt { get; private set; }
    public string? Resolution { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public static Appeal Collect(Village village, Household? household, string need, string collectedBy, DateTimeOffset now)
    {
        var text = need.Trim();
        if (text.Length is < 2 or > 2000)
        {
            throw new DomainRuleException("诉求内容应为2至2000字", "appeal-need");
        }
        if (household is not null && household.VillageCode != village.Code)
        {
            throw new DomainRuleException($"户 {household.HouseholderName} 不属于{village.Name}", "appeal-household");
        }
        return new Appeal
        {
            Id = Guid.CreateVersion7(now), VillageCode = village.Code, TownCode = village.TownCode, HouseholdId = household?.Id,
            Need = text, CollectedBy = collectedBy, CollectedAt = now, Status = AppealStatus.Collected,
        };
    }

    public static Appeal Restore(Guid id, string villageCode, string townCode, Guid? householdId, string need, string collectedBy, DateTimeOffset collectedAt,
        string status, string? department, DateTimeOffset? assignedAt, string? resolution, DateTimeOffset? closedAt)
    {
        var appeal = new Appeal { Id = id, VillageCode = villageCode, TownCode = townCode, HouseholdId = householdId, Need = need, CollectedBy = collectedBy, CollectedAt = collectedAt };
        appeal.Status = Enum.Parse<AppealStatus>(status);
        appeal.Department = department;
        appeal.AssignedAt = assignedAt;
        appeal.Resolution = resolution;
        appeal.ClosedAt = closedAt;
        return appeal;
    }

    public static IReadOnlyCollection<string> AllowedActions(AppealStatus status) => status switch
    {
        AppealStatus.Collected => ["Assign"],
        AppealStatus.Assigned => ["Assign", "Solve", "Answer"],
        _ => [],
    };

    /// <summary>交办 to a department (again, if the first one was the wrong one).</summary>
    public void Assign(string department, DateTimeOffset now)
    {
        EnsureAllowed("Assign");
        var name = department.Trim();
        if (name.Length is < 2 or > 50)
        {
            throw new DomainRuleException("承办部门名称应为2至50个字", "appeal-department");
        }
        Status = AppealStatus.Assigned;
        Department = name;
        AssignedAt = now;
    }

    /// <summary>The department's answer: solved (解决群众困难) or answered.</summary>
    public void Close(bool solved, string resolution, DateTimeOffset now)
    {
        EnsureAllowed(solved ? "Solve" : "Answer");
        var text = resolution.Trim();
        if (text.Length is < 2 or > 2000)
        {
            throw new DomainRuleException("办理结果应为2至2000字", "appeal-resolution");
        }
        Status = solved ? AppealStatus.Solved : AppealStatus.Answered;
        Resolution = text;
        ClosedAt = now;
    }

    private void EnsureAllowed(string action)
    {
        var allowed = AllowedActions(Status);
        if (!allowed.Contains(action))
        {
            throw new InvalidTransitionException("群众诉求", Status.ToString(), action, allowed);
        }
    }
}
