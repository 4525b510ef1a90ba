using Zaili.Contracts;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Domain;

public enum CaseSource
{
    /// <summary>来访: a party came to a mediation point.</summary>
    WalkIn,
    /// <summary>十户长上报</summary>
    TenHouseholdReport,
    /// <summary>区级转办 (e.g. a district hotline)</summary>
    DistrictReferral,
    /// <summary>公安转办</summary>
    PoliceReferral,
}

public enum CaseStatus
{
    /// <summary>调解中, at the node it is held by.</summary>
    Open,
    /// <summary>已化解: ended in a written agreement (调解协议).</summary>
    Resolved,
    /// <summary>已回访: the agreement was followed up.</summary>
    FollowedUp,
    /// <summary>已移出: failed at town level and referred to a court, arbitration or another department.</summary>
    ReferredOut,
}

public enum CaseAction
{
    AssignMediator,
    RecordSession,
    RecordHearing,
    Escalate,
    RecordAgreement,
    ReferOut,
    RecordFollowUp,
}

public enum ReferralDestination
{
    /// <summary>人民法院</summary>
    Court,
    /// <summary>仲裁机构</summary>
    Arbitration,
    /// <summary>其他部门</summary>
    OtherDepartment,
}

/// <summary>
/// A dispute case (矛盾纠纷) held at one node of the network. It starts at the lowest node that can take
/// it and moves up one level at a time (小事不出村、大事不出镇); only at town level may a failure be
/// referred out of the town (矛盾不上交 counts those). The state machine is explicit: each action names
/// the states — and levels — it is allowed in, and anything else is an <see cref="InvalidTransitionException"/>
/// listing what is allowed.
/// </summary>
public sealed class DisputeCase
{
    public const int MaxTextLength = 4000;
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromDays(30);

    public required Guid Id { get; init; }
    public required CaseSource Source { get; init; }
    public Guid? SourceReportId { get; init; }
    public string? ExternalReference { get; init; }
    public required string VillageCode { get; init; }
    public required string TownCode { get; init; }
    public required DisputeCategory Category { get; init; }
    public required string Summary { get; init; }
    public required int HouseholdCount { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public string NodeCode { get; private set; } = "";
    public MediationLevel Level { get; private set; }
    public CaseStatus Status { get; private set; }
    public string? AgreementTerms { get; private set; }
    public DateOnly? AgreementSignedOn { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public ReferralDestination? ReferredTo { get; private set; }
    public DateTimeOffset? ReferredAt { get; private set; }
    public bool? AgreementHeld { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static IReadOnlyCollection<CaseAction> AllowedActions(CaseStatus status, MediationLevel level) => status switch
    {
        CaseStatus.Open when level == MediationLevel.Town =>
            [CaseAction.AssignMediator, CaseAction.RecordSession, CaseAction.RecordHearing, CaseAction.RecordAgreement, CaseAction.ReferOut],
        CaseStatus.Open =>
            [CaseAction.AssignMediator, CaseAction.RecordSession, CaseAction.RecordHearing, CaseAction.RecordAgreement, CaseAction.Escalate],
        CaseStatus.Resolved => [CaseAction.RecordFollowUp],
        _ => [],
    };

    public IReadOnlyCollection<CaseAction> AllowedActions() => AllowedActions(Status, Level);

    /// <summary>Open more than 30 days without a result (一般在一个月内调结).</summary>
    public bool IsOverdue(DateTimeOffset now) => Status == CaseStatus.Open && now - OpenedAt > OverdueAfter;

    public static DisputeCase OpenFromReport(DisputeReported report, NetworkNode node, DateTimeOffset now) =>
        Open(CaseSource.TenHouseholdReport, report.ReportId, null, report.VillageCode, report.Category, report.Summary, report.HouseholdCount, node, now);

    public static DisputeCase Open(
        CaseSource source, Guid? sourceReportId, string? externalReference, string villageCode, DisputeCategory category,
        string summary, int householdCount, NetworkNode node, DateTimeOffset now)
    {
        var text = RequireText(summary, "纠纷简述", "summary");
        if (householdCount is < 1 or > 500)
        {
            throw new DomainRuleException("涉及户数应在1至500之间", "household-count");
        }
        return new DisputeCase
        {
            Id = Guid.CreateVersion7(now),
            Source = source,
            SourceReportId = sourceReportId,
            ExternalReference = externalReference,
            VillageCode = villageCode,
            TownCode = node.TownCode,
            Category = category,
            Summary = text,
            HouseholdCount = householdCount,
            OpenedAt = now,
            NodeCode = node.Code,
            Level = node.Level,
            Status = CaseStatus.Open,
            UpdatedAt = now,
        };
    }

    public static DisputeCase Restore(DisputeCaseRecord r) => new()
    {
        Id = r.Id,
        Source = Enum.Parse<CaseSource>(r.Source),
        SourceReportId = r.SourceReportId,
        ExternalReference = r.ExternalReference,
        VillageCode = r.VillageCode,
        TownCode = r.TownCode,
        Category = Enum.Parse<DisputeCategory>(r.Category),
        Summary = r.Summary,
        HouseholdCount = r.HouseholdCount,
        OpenedAt = r.OpenedAt,
        NodeCode = r.NodeCode,
        Level = Enum.Parse<MediationLevel>(r.Level),
        Status = Enum.Parse<CaseStatus>(r.Status),
        AgreementTerms = r.AgreementTerms,
        AgreementSignedOn = r.AgreementSignedOn is { } signed ? DateOnly.FromDateTime(signed) : null,
        ResolvedAt = r.ResolvedAt,
        ReferredTo = r.ReferredTo is null ? null : Enum.Parse<ReferralDestination>(r.ReferredTo),
        ReferredAt = r.ReferredAt,
        AgreementHeld = r.AgreementHeld,
        UpdatedAt = r.UpdatedAt,
    };

    /// <summary>A mediator of this node or of a node above it takes part in the case.</summary>
    public void AssignMediator(Mediator mediator, IReadOnlyCollection<string> nodeAndAncestors, DateTimeOffset now)
    {
        EnsureAllowed(CaseAction.AssignMediator);
        if (!mediator.Active)
        {
            throw new DomainRuleException($"调解员 {mediator.Name} 已停用", "mediator-inactive");
        }
        if (!nodeAndAncestors.Contains(mediator.NodeCode))
        {
            throw new DomainRuleException($"调解员 {mediator.Name} 不属于本案所在节点或其上级节点", "mediator-node");
        }
        UpdatedAt = now;
    }

    /// <summary>A mediation session (调解): when, who, what came of it.</summary>
    public void RecordSession(DateTimeOffset heldAt, string notes, DateTimeOffset now)
    {
        EnsureAllowed(CaseAction.RecordSession);
        EnsureWithinCase(heldAt, now, "调解时间");
        RequireText(notes, "调解记录", "session-notes");
        UpdatedAt = now;
    }

    /// <summary>人民调解+简易听证: a simple hearing with participants and witnesses.</summary>
    public void RecordHearing(DateTimeOffset heldAt, IReadOnlyCollection<string> participants, IReadOnlyCollection<string> witnesses, string findings, DateTimeOffset now)
    {
        EnsureAllowed(CaseAction.RecordHearing);
        EnsureWithinCase(heldAt, now, "听证时间");
        if (participants.Count == 0 || participants.Any(string.IsNullOrWhiteSpace))
        {
            throw new DomainRuleException("简易听证应至少有一名参加人", "hearing-participants");
        }
        RequireText(findings, "听证意见", "hearing-findings");
        UpdatedAt = now;
    }

    /// <summary>Mediation failed at this level: the case moves one level up, to the parent node.</summary>
    public DisputeEscalated Escalate(NetworkNode parent, string reason, DateTimeOffset now)
    {
        EnsureAllowed(CaseAction.Escalate);
        if ((int)parent.Level != (int)Level + 1 || parent.Code == NodeCode)
        {
            throw new DomainRuleException("案件只能逐级上移到上一级节点", "escalation-level");
        }
        var text = RequireText(reason, "上移理由", "escalation-reason");
        var from = NodeCode;
        var fromLevel = Level;
        NodeCode = parent.Code;
        Level = parent.Level;
        UpdatedAt = now;
        return new DisputeEscalated(Id, SourceReportId, VillageCode, TownCode, from, fromLevel, parent.Code, parent.Level, text, now);
    }

    /// <summary>Closes the case with a written agreement (调解协议).</summary>
    public DisputeResolved RecordAgreement(string terms, DateOnly signedOn, DateTimeOffset now)
    {
        EnsureAllowed(CaseAction.RecordAgreement);
        var text = RequireText(terms, "调解协议内容", "agreement-terms");
        if (signedOn > ChinaTime.DateOf(now) || signedOn < ChinaTime.DateOf(OpenedAt))
        {
            throw new DomainRuleException("协议签订日期不能早于立案日期或晚于今天", "agreement-date");
        }
        Status = CaseStatus.Resolved;
        AgreementTerms = text;
        AgreementSignedOn = signedOn;
        ResolvedAt = now;
        UpdatedAt = now;
        return new DisputeResolved(Id, SourceReportId, VillageCode, TownCode, NodeCode, Level, Category, text, DaysOpen(now), now);
    }

    /// <summary>Failed at town level: referred to a court, arbitration or another department — it leaves the town.</summary>
    public DisputeReferredOut ReferOut(ReferralDestination destination, string reason, DateTimeOffset now)
    {
        EnsureAllowed(CaseAction.ReferOut);
        var text = RequireText(reason, "移出理由", "referral-reason");
        Status = CaseStatus.ReferredOut;
        ReferredTo = destination;
        ReferredAt = now;
        UpdatedAt = now;
        return new DisputeReferredOut(Id, SourceReportId, VillageCode, TownCode, NodeCode, Category, destination.ToString(), text, DaysOpen(now), now);
    }

    /// <summary>回访 after the agreement: did it hold?</summary>
    public void RecordFollowUp(DateTimeOffset visitedAt, bool agreementHeld, string notes, DateTimeOffset now)
    {
        EnsureAllowed(CaseAction.RecordFollowUp);
        if (visitedAt < ResolvedAt || visitedAt > now)
        {
            throw new DomainRuleException("回访时间应在达成协议之后且不晚于现在", "follow-up-date");
        }
        RequireText(notes, "回访记录", "follow-up-notes");
        Status = CaseStatus.FollowedUp;
        AgreementHeld = agreementHeld;
        UpdatedAt = now;
    }

    public int DaysOpen(DateTimeOffset now) => (int)Math.Floor(((ResolvedAt ?? ReferredAt ?? now) - OpenedAt).TotalDays);

    private void EnsureWithinCase(DateTimeOffset at, DateTimeOffset now, string what)
    {
        if (at < OpenedAt.AddMinutes(-1) || at > now.AddMinutes(5))
        {
            throw new DomainRuleException($"{what}应在立案之后且不晚于现在", "activity-date");
        }
    }

    private static string RequireText(string? value, string what, string code)
    {
        var text = value?.Trim() ?? "";
        if (text.Length is 0 or > MaxTextLength)
        {
            throw new DomainRuleException($"{what}不能为空且不超过{MaxTextLength}字", code);
        }
        return text;
    }

    private void EnsureAllowed(CaseAction action)
    {
        var allowed = AllowedActions();
        if (!allowed.Contains(action))
        {
            throw new InvalidTransitionException($"{MediationNetwork.LevelName(Level)}级调解案件", Status.ToString(), action.ToString(), allowed.Select(a => a.ToString()).ToArray());
        }
    }
}

/// <summary>The row shape of a dispute case.</summary>
public sealed class DisputeCaseRecord
{
    public Guid Id { get; init; }
    public string Source { get; init; } = "";
    public Guid? SourceReportId { get; init; }
    public string? ExternalReference { get; init; }
    public string VillageCode { get; init; } = "";
    public string TownCode { get; init; } = "";
    public string NodeCode { get; init; } = "";
    public string Level { get; init; } = "";
    public string Category { get; init; } = "";
    public string Summary { get; init; } = "";
    public int HouseholdCount { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset OpenedAt { get; init; }
    public string? AgreementTerms { get; init; }
    public DateTime? AgreementSignedOn { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ReferredTo { get; init; }
    public DateTimeOffset? ReferredAt { get; init; }
    public bool? AgreementHeld { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
