using Zaili.Contracts;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Domain;

public enum CaseSource
{
    /// <summary>来访: a party came to a mediation point.</summary>
    WalkIn,
    /// <summary>十户长上报</summary>
    TenHouseholdReport,
    /// <summary>区级转办</summary>
    DistrictReferral,
    /// <summary>公安转办</summary>
    PoliceReferral,
}

public enum CaseStatus
{
    /// <summary>调解中</summary>
    Open,
    /// <summary>已化解: ended in a written agreement (调解协议).</summary>
    Resolved,
}

public enum CaseAction
{
    RecordAgreement,
}

/// <summary>
/// A dispute case (矛盾纠纷) held at one node of the network. Its state machine is explicit: every
/// action names the states it is allowed from, and anything else is an
/// <see cref="InvalidTransitionException"/> that lists what is allowed.
/// </summary>
public sealed class DisputeCase
{
    public const int MaxAgreementLength = 4000;

    private static readonly IReadOnlyDictionary<CaseStatus, CaseAction[]> Allowed = new Dictionary<CaseStatus, CaseAction[]>
    {
        [CaseStatus.Open] = [CaseAction.RecordAgreement],
        [CaseStatus.Resolved] = [],
    };

    public required Guid Id { get; init; }
    public required CaseSource Source { get; init; }
    public Guid? SourceReportId { get; init; }
    public required string VillageCode { get; init; }
    public required string TownCode { get; init; }
    public required string NodeCode { get; init; }
    public required MediationLevel Level { get; init; }
    public required DisputeCategory Category { get; init; }
    public required string Summary { get; init; }
    public required int HouseholdCount { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public CaseStatus Status { get; private set; }
    public string? AgreementTerms { get; private set; }
    public DateOnly? AgreementSignedOn { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static IReadOnlyCollection<CaseAction> AllowedActions(CaseStatus status) => Allowed[status];

    public static DisputeCase OpenFromReport(DisputeReported report, NetworkNode node, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Source = CaseSource.TenHouseholdReport,
        SourceReportId = report.ReportId,
        VillageCode = report.VillageCode,
        TownCode = report.TownCode,
        NodeCode = node.Code,
        Level = node.Level,
        Category = report.Category,
        Summary = report.Summary,
        HouseholdCount = report.HouseholdCount,
        OpenedAt = now,
        Status = CaseStatus.Open,
        UpdatedAt = now,
    };

    public static DisputeCase Restore(DisputeCaseRecord r)
    {
        var restored = new DisputeCase
        {
            Id = r.Id,
            Source = Enum.Parse<CaseSource>(r.Source),
            SourceReportId = r.SourceReportId,
            VillageCode = r.VillageCode,
            TownCode = r.TownCode,
            NodeCode = r.NodeCode,
            Level = Enum.Parse<MediationLevel>(r.Level),
            Category = Enum.Parse<DisputeCategory>(r.Category),
            Summary = r.Summary,
            HouseholdCount = r.HouseholdCount,
            OpenedAt = r.OpenedAt,
        };
        restored.Status = Enum.Parse<CaseStatus>(r.Status);
        restored.AgreementTerms = r.AgreementTerms;
        restored.AgreementSignedOn = r.AgreementSignedOn is { } signed ? DateOnly.FromDateTime(signed) : null;
        restored.ResolvedAt = r.ResolvedAt;
        restored.UpdatedAt = r.UpdatedAt;
        return restored;
    }

    /// <summary>Closes the case with a written agreement (调解协议).</summary>
    public DisputeResolved RecordAgreement(string terms, DateOnly signedOn, DateTimeOffset now)
    {
        EnsureAllowed(CaseAction.RecordAgreement);
        var text = terms.Trim();
        if (text.Length is 0 or > MaxAgreementLength)
        {
            throw new DomainRuleException($"调解协议内容不能为空且不超过{MaxAgreementLength}字", "agreement-terms");
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (signedOn > today || signedOn < DateOnly.FromDateTime(OpenedAt.UtcDateTime))
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

    public int DaysOpen(DateTimeOffset now) => (int)Math.Floor(((ResolvedAt ?? now) - OpenedAt).TotalDays);

    private void EnsureAllowed(CaseAction action)
    {
        var allowed = Allowed[Status];
        if (!allowed.Contains(action))
        {
            throw new InvalidTransitionException("调解案件", Status.ToString(), action.ToString(), allowed.Select(a => a.ToString()).ToArray());
        }
    }
}

/// <summary>The row shape of a dispute case.</summary>
public sealed class DisputeCaseRecord
{
    public Guid Id { get; init; }
    public string Source { get; init; } = "";
    public Guid? SourceReportId { get; init; }
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
    public DateTimeOffset UpdatedAt { get; init; }
}
