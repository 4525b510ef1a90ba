namespace Zaili.Reporting.Domain;

/// <summary>How a figure's contributions add up to its value for a year.</summary>
public enum Aggregation
{
    /// <summary>A flow: the amounts of the year.</summary>
    Sum,
    /// <summary>How many different keys the year has (laws covered, villages with counsel).</summary>
    DistinctKeys,
    /// <summary>A stock: the amounts of every year up to and including this one (officers on the roster).</summary>
    RunningSum,
    /// <summary>A stock of distinct keys up to and including this year (villages with a board).</summary>
    RunningDistinctKeys,
}

/// <summary>A figure the read model counts: its code, the report part it belongs to, its Chinese label and unit.</summary>
public sealed record FigureDefinition(string Code, string Part, string Label, string Unit, Aggregation Aggregation);

/// <summary>
/// One event's share of one figure. <see cref="Key"/> is what DistinctKeys figures count and what
/// breakdowns group by (a level, a kind, a law); <see cref="Label"/> is how the key reads in Chinese.
/// </summary>
public sealed record Contribution(string Figure, int Year, string? VillageCode, string? Department, string? Key, string? Label, decimal Amount)
{
    public static Contribution Count(string figure, int year, string? villageCode = null, string? department = null, string? key = null, string? label = null) =>
        new(figure, year, villageCode, department, key, label, 1);
}

/// <summary>Every figure the annual report states, grouped by the five parts of 一、主要举措和成效.</summary>
public static class FigureCatalogue
{
    public const string LawfulAdministration = "（一）依法行政";
    public const string LegalEducation = "（二）普法";
    public const string Mediation = "（三）人民调解";
    public const string VillageReview = "（四）合法性审查";
    public const string Governance = "（五）十户长+";

    public const string StateStaffEnrolled = "exam.state-staff.enrolled";
    public const string StateStaffSat = "exam.state-staff.sat";
    public const string StateStaffPassed = "exam.state-staff.passed";
    public const string LiteracyEnrolled = "exam.literacy.enrolled";
    public const string LiteracySat = "exam.literacy.sat";
    public const string LiteracyPassed = "exam.literacy.passed";
    public const string Officers = "enforcement.officers";
    public const string CertificatesIssued = "enforcement.certificates.issued";
    public const string CertificatesReviewPassed = "enforcement.certificates.review-passed";
    public const string CertificatesReviewFailed = "enforcement.certificates.review-failed";
    public const string EnforcementCasesClosed = "enforcement.cases.closed";
    public const string LawsuitHearings = "enforcement.lawsuits.hearings";
    public const string LawsuitHeadAppeared = "enforcement.lawsuits.head-appeared";
    public const string LawsuitsDecided = "enforcement.lawsuits.decided";
    public const string LawsuitsLost = "enforcement.lawsuits.lost";

    public const string Activities = "education.activities";
    public const string ActivityDepartments = "education.departments";
    public const string Materials = "education.materials";
    public const string PeopleReached = "education.people-reached";
    public const string LawsCovered = "education.laws";
    public const string SquaresUpgraded = "education.squares-upgraded";
    public const string PositionSpending = "education.position-spending";
    public const string VillagesWithBoard = "education.villages-with-board";
    public const string Villages = "villages";

    public const string CasesOpened = "mediation.cases.opened";
    public const string DisputesResolved = "mediation.disputes.resolved";
    public const string DisputesEscalated = "mediation.disputes.escalated";
    public const string DisputesReferredOut = "mediation.disputes.referred-out";
    public const string DistrictReferrals = "mediation.district-referrals";
    public const string Mediators = "mediation.mediators";
    public const string GradeApplications = "mediation.grade-applications";
    public const string GradesGranted = "mediation.grades-granted";

    public const string VillagesWithCounsel = "village-review.villages-with-counsel";
    public const string MattersReviewed = "village-review.reviews";
    public const string Rectifications = "village-review.rectifications";
    public const string MattersFiled = "village-review.filed";
    public const string CampaignMattersFiled = "village-review.campaign-filed";

    public const string PilotVillages = "governance.pilot-villages";
    public const string HeadsChosen = "governance.heads-chosen";
    public const string Visits = "governance.visits";
    public const string Warnings = "governance.warnings";
    public const string AppealsCollected = "governance.appeals.collected";
    public const string AppealsSolved = "governance.appeals.solved";
    public const string DisputesHandled = "governance.disputes.handled";

    public static IReadOnlyList<FigureDefinition> All { get; } =
    [
        new(StateStaffEnrolled, LawfulAdministration, "年度学法考法应考人数", "人", Aggregation.DistinctKeys),
        new(StateStaffSat, LawfulAdministration, "年度学法考法参考人数", "人", Aggregation.DistinctKeys),
        new(StateStaffPassed, LawfulAdministration, "年度学法考法及格人数", "人", Aggregation.DistinctKeys),
        new(Officers, LawfulAdministration, "行政执法人员", "名", Aggregation.RunningSum),
        new(CertificatesIssued, LawfulAdministration, "新申领行政执法证", "件", Aggregation.Sum),
        new(CertificatesReviewPassed, LawfulAdministration, "行政执法证年审通过", "件", Aggregation.Sum),
        new(CertificatesReviewFailed, LawfulAdministration, "行政执法证年审未通过", "件", Aggregation.Sum),
        new(EnforcementCasesClosed, LawfulAdministration, "办结执法案件", "件", Aggregation.Sum),
        new(LawsuitHearings, LawfulAdministration, "行政诉讼开庭", "次", Aggregation.Sum),
        new(LawsuitHeadAppeared, LawfulAdministration, "行政机关负责人出庭应诉", "次", Aggregation.Sum),
        new(LawsuitsDecided, LawfulAdministration, "审结行政诉讼案件", "件", Aggregation.Sum),
        new(LawsuitsLost, LawfulAdministration, "行政诉讼败诉", "件", Aggregation.Sum),

        new(Activities, LegalEducation, "普法活动", "场", Aggregation.Sum),
        new(ActivityDepartments, LegalEducation, "开展普法的部门", "个", Aggregation.DistinctKeys),
        new(Materials, LegalEducation, "发放宣传材料", "份", Aggregation.Sum),
        new(PeopleReached, LegalEducation, "受教育群众", "人次", Aggregation.Sum),
        new(LawsCovered, LegalEducation, "宣传法律法规", "部", Aggregation.DistinctKeys),
        new(SquaresUpgraded, LegalEducation, "提升改造法治文化广场", "个", Aggregation.DistinctKeys),
        new(PositionSpending, LegalEducation, "法治文化阵地投入", "元", Aggregation.Sum),
        new(VillagesWithBoard, LegalEducation, "设立法治宣传栏的村（社区）", "个", Aggregation.RunningDistinctKeys),
        new(Villages, LegalEducation, "村（社区）", "个", Aggregation.RunningDistinctKeys),
        new(LiteracyEnrolled, LegalEducation, "法治素养考试应考人数", "人", Aggregation.DistinctKeys),
        new(LiteracySat, LegalEducation, "法治素养考试参考人数", "人", Aggregation.DistinctKeys),
        new(LiteracyPassed, LegalEducation, "法治素养考试及格人数", "人", Aggregation.DistinctKeys),

        new(CasesOpened, Mediation, "受理矛盾纠纷", "起", Aggregation.Sum),
        new(DisputesResolved, Mediation, "化解矛盾纠纷", "起", Aggregation.Sum),
        new(DisputesEscalated, Mediation, "逐级上移调解", "次", Aggregation.Sum),
        new(DisputesReferredOut, Mediation, "调解不成移出本镇", "起", Aggregation.Sum),
        new(DistrictReferrals, Mediation, "区级转办纠纷", "起", Aggregation.Sum),
        new(Mediators, Mediation, "人民调解员", "名", Aggregation.RunningSum),
        new(GradeApplications, Mediation, "申请等级评定的调解员", "名", Aggregation.Sum),
        new(GradesGranted, Mediation, "评定等级的调解员", "名", Aggregation.Sum),

        new(VillagesWithCounsel, VillageReview, "配备法律顾问的村（社区）", "个", Aggregation.DistinctKeys),
        new(MattersReviewed, VillageReview, "合法性审查意见", "件", Aggregation.Sum),
        new(Rectifications, VillageReview, "提出整改", "件", Aggregation.Sum),
        new(MattersFiled, VillageReview, "重大事项备案", "件", Aggregation.Sum),
        new(CampaignMattersFiled, VillageReview, "四清问题合同整改后备案", "件", Aggregation.Sum),

        new(PilotVillages, Governance, "完成十联户划分和十户长推选的村居", "个", Aggregation.RunningDistinctKeys),
        new(HeadsChosen, Governance, "推选十户长", "名", Aggregation.RunningDistinctKeys),
        new(Visits, Governance, "入户走访", "次", Aggregation.Sum),
        new(Warnings, Governance, "上报预警信息", "条", Aggregation.Sum),
        new(AppealsCollected, Governance, "收集群众诉求", "条", Aggregation.Sum),
        new(AppealsSolved, Governance, "解决群众困难", "个", Aggregation.Sum),
        new(DisputesHandled, Governance, "妥善处置矛盾纠纷", "起", Aggregation.Sum),
    ];

    private static readonly Dictionary<string, FigureDefinition> ByCode = All.ToDictionary(f => f.Code, StringComparer.Ordinal);

    public static bool TryFind(string code, out FigureDefinition definition) => ByCode.TryGetValue(code, out definition!);

    public static FigureDefinition Get(string code) => ByCode[code];
}

/// <summary>A figure's value for a year, last year's value and the change; breakdown by key where the figure has one.</summary>
public sealed record FigureValue(
    string Code, string Part, string Label, string Unit, decimal Value, decimal PreviousYear, decimal Change, decimal? ChangeRatio,
    IReadOnlyList<FigureShare> Breakdown)
{
    public static FigureValue Of(FigureDefinition definition, decimal value, decimal previous, IReadOnlyList<FigureShare> breakdown) =>
        new(definition.Code, definition.Part, definition.Label, definition.Unit, value, previous, value - previous,
            previous == 0 ? null : Math.Round((value - previous) / previous, 4), breakdown);
}

/// <summary>One key's part of a figure (a level, a kind, a village), with its Chinese label.</summary>
public sealed record FigureShare(string Key, string Label, decimal Value);

/// <summary>The figures of one town for one year, as counted at <see cref="CountedAt"/>.</summary>
public sealed record FigureSet(string TownCode, int Year, DateTimeOffset CountedAt, IReadOnlyList<FigureValue> Figures)
{
    public decimal this[string code] => Figures.FirstOrDefault(f => f.Code == code)?.Value ?? 0;

    public FigureValue? Find(string code) => Figures.FirstOrDefault(f => f.Code == code);

    /// <summary>A rate of two figures, null when there is nothing to divide by.</summary>
    public decimal? Rate(string part, string whole) => this[whole] == 0 ? null : Math.Round(this[part] / this[whole], 4);
}
