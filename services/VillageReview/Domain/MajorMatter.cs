using Zaili.SharedKernel;

namespace Zaili.VillageReview.Domain;

public enum MatterKind
{
    /// <summary>村集体经济合同</summary>
    CollectiveEconomicContract,
    /// <summary>村规民约</summary>
    VillageRules,
    /// <summary>三资（资金、资产、资源）管理决定</summary>
    AssetsDecision,
    /// <summary>其他涉法事项</summary>
    Other,
}

public enum MatterStatus
{
    /// <summary>待审查</summary>
    AwaitingReview,
    /// <summary>需整改: the counsel asked for rectification; the village must resubmit.</summary>
    RectificationRequired,
    /// <summary>不合法: may not take effect.</summary>
    Unlawful,
    /// <summary>合法: may take effect once filed.</summary>
    Lawful,
    /// <summary>已备案: filed with the town; in effect.</summary>
    Filed,
}

public enum Opinion
{
    /// <summary>合法</summary>
    Lawful,
    /// <summary>需整改</summary>
    Rectify,
    /// <summary>不合法</summary>
    Unlawful,
}

/// <summary>The counterparty of a collective economic contract: an organisation or a person.</summary>
public sealed record Counterparty(string Name, string? CreditCode, string? IdentityMasked);

/// <summary>The contract terms of a 村集体经济合同.</summary>
public sealed record ContractTerms(Counterparty Counterparty, decimal Amount, DateOnly TermStart, DateOnly TermEnd, bool LeasesCollectiveLand)
{
    /// <summary>民法典 第七百零五条: a lease term may not exceed twenty years.</summary>
    public const int MaxLeaseYears = 20;

    public bool ExceedsLeaseLimit => LeasesCollectiveLand && TermEnd > TermStart.AddYears(MaxLeaseYears);
}

/// <summary>A document of a matter, kept with its SHA-256 so the reviewed text can be proven unchanged.</summary>
public sealed record MatterDocument(string FileName, string Sha256, int Size);

/// <summary>
/// A major matter (重大事项) of a village under legality review. Each submission is a version; a matter
/// sent back for rectification comes back as the next version and is reviewed again. Only the village's
/// own counsel, in force on the day, gives the opinion; only a lawful matter is filed, and only a filed
/// matter takes effect.
/// </summary>
public sealed class MajorMatter
{
    public const int ReviewWorkingDays = 5;

    public required Guid Id { get; init; }
    public required string VillageCode { get; init; }
    public required string TownCode { get; init; }
    public required MatterKind Kind { get; init; }
    public Guid? CampaignId { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public string Title { get; private set; } = "";
    public ContractTerms? Contract { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset VersionSubmittedAt { get; private set; }
    public DateOnly ReviewDueOn { get; private set; }
    public MatterStatus Status { get; private set; }
    public string? FilingNumber { get; private set; }
    public DateTimeOffset? FiledAt { get; private set; }

    public bool FlaggedOverLeaseLimit => Contract?.ExceedsLeaseLimit == true;

    public bool IsReviewOverdue(DateOnly today) => Status == MatterStatus.AwaitingReview && today > ReviewDueOn;

    public static IReadOnlyCollection<string> AllowedActions(MatterStatus status) => status switch
    {
        MatterStatus.AwaitingReview => ["Review"],
        MatterStatus.RectificationRequired => ["Resubmit"],
        MatterStatus.Lawful => ["File"],
        _ => [],
    };

    public static MajorMatter Submit(string villageCode, MatterKind kind, string title, ContractTerms? contract, Guid? campaignId, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        var village = DivisionCode.Parse(villageCode);
        var matter = new MajorMatter
        {
            Id = Guid.CreateVersion7(now), VillageCode = village.Value, TownCode = village.TownCode, Kind = kind, CampaignId = campaignId, SubmittedAt = now,
        };
        matter.NewVersion(title, contract, calendar, now);
        return matter;
    }

    public static MajorMatter Restore(MatterRecord r) => new()
    {
        Id = r.Id, VillageCode = r.VillageCode, TownCode = r.TownCode, Kind = Enum.Parse<MatterKind>(r.Kind), CampaignId = r.CampaignId, SubmittedAt = r.SubmittedAt,
        Title = r.Title,
        Contract = r.CounterpartyName is null ? null : new ContractTerms(new Counterparty(r.CounterpartyName, r.CounterpartyCreditCode, r.CounterpartyIdentityMasked),
            r.Amount ?? 0, DateOnly.FromDateTime(r.TermStart!.Value), DateOnly.FromDateTime(r.TermEnd!.Value), r.LeasesCollectiveLand),
        Version = r.Version, VersionSubmittedAt = r.VersionSubmittedAt, ReviewDueOn = DateOnly.FromDateTime(r.ReviewDueOn),
        Status = Enum.Parse<MatterStatus>(r.Status), FilingNumber = r.FilingNumber, FiledAt = r.FiledAt,
    };

    /// <summary>The rectified version, after 需整改: reviewed again from the start.</summary>
    public void Resubmit(string title, ContractTerms? contract, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        EnsureAllowed("Resubmit");
        NewVersion(title, contract, calendar, now);
    }

    /// <summary>合法性审查 by the village's own counsel, in force on the day of the review.</summary>
    public void Review(LegalCounsel counsel, Opinion opinion, string reasons, IReadOnlyCollection<string> provisions, DateTimeOffset now)
    {
        EnsureAllowed("Review");
        if (counsel.VillageCode != VillageCode)
        {
            throw new DomainRuleException($"律师 {counsel.LawyerName} 不是本村居的法律顾问，不能审查本村事项", "review-not-own-counsel");
        }
        if (!counsel.InForceOn(ChinaTime.DateOf(now)))
        {
            throw new DomainRuleException($"律师 {counsel.LawyerName} 的法律顾问合同不在有效期内", "review-counsel-expired");
        }
        var text = reasons.Trim();
        if (text.Length is < 2 or > 4000)
        {
            throw new DomainRuleException("审查意见理由应为2至4000字", "review-reasons");
        }
        if (opinion != Opinion.Lawful && provisions.Count == 0)
        {
            throw new DomainRuleException("需整改或不合法的意见应引用所依据的法律条文", "review-provisions");
        }
        if (opinion == Opinion.Lawful && FlaggedOverLeaseLimit)
        {
            throw new DomainRuleException("租赁集体土地超过二十年（民法典第七百零五条），不能出具合法意见", "review-lease-limit");
        }
        Status = opinion switch
        {
            Opinion.Lawful => MatterStatus.Lawful,
            Opinion.Rectify => MatterStatus.RectificationRequired,
            _ => MatterStatus.Unlawful,
        };
    }

    /// <summary>Refuses, before a filing number is drawn, a matter that may not be filed.</summary>
    public void EnsureCanFile() => EnsureAllowed("File");

    /// <summary>备案 with the town: only a matter with a lawful opinion, numbered in the town's filing sequence.</summary>
    public void File(int sequence, DateTimeOffset now)
    {
        EnsureAllowed("File");
        FilingNumber = $"{TownCode[..9]}-BA-{ChinaTime.DateOf(now).Year}-{sequence:D4}";
        FiledAt = now;
        Status = MatterStatus.Filed;
    }

    private void NewVersion(string title, ContractTerms? contract, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        var text = title.Trim();
        if (text.Length is < 2 or > 200)
        {
            throw new DomainRuleException("事项名称应为2至200字", "matter-title");
        }
        if (Kind == MatterKind.CollectiveEconomicContract)
        {
            if (contract is null)
            {
                throw new DomainRuleException("村集体经济合同应写明相对方、金额和期限", "matter-contract");
            }
            if (contract.TermEnd <= contract.TermStart || contract.Amount < 0)
            {
                throw new DomainRuleException("合同期限应先始后终，金额不能为负", "matter-contract");
            }
        }
        else if (contract is not null)
        {
            throw new DomainRuleException("只有村集体经济合同才填写合同条款", "matter-contract");
        }
        Title = text;
        Contract = contract;
        Version++;
        VersionSubmittedAt = now;
        ReviewDueOn = calendar.AddWorkingDays(ChinaTime.DateOf(now), ReviewWorkingDays);
        Status = MatterStatus.AwaitingReview;
    }

    private void EnsureAllowed(string action)
    {
        var allowed = AllowedActions(Status);
        if (!allowed.Contains(action))
        {
            throw new InvalidTransitionException("重大事项", Status.ToString(), action, allowed);
        }
    }
}

public sealed class MatterRecord
{
    public Guid Id { get; init; }
    public string VillageCode { get; init; } = "";
    public string TownCode { get; init; } = "";
    public string Kind { get; init; } = "";
    public Guid? CampaignId { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
    public string Title { get; init; } = "";
    public string? CounterpartyName { get; init; }
    public string? CounterpartyCreditCode { get; init; }
    public string? CounterpartyIdentityMasked { get; init; }
    public decimal? Amount { get; init; }
    public DateTime? TermStart { get; init; }
    public DateTime? TermEnd { get; init; }
    public bool LeasesCollectiveLand { get; init; }
    public int Version { get; init; }
    public DateTimeOffset VersionSubmittedAt { get; init; }
    public DateTime ReviewDueOn { get; init; }
    public string Status { get; init; } = "";
    public string? FilingNumber { get; init; }
    public DateTimeOffset? FiledAt { get; init; }
}
