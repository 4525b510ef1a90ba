using Zaili.Contracts;
using Zaili.SharedKernel;
using static Zaili.Reporting.Domain.FigureCatalogue;

namespace Zaili.Reporting.Domain;

/// <summary>
/// What each integration event contributes to the figures. Pure: the same event always gives the same
/// contributions, which is what makes a rebuild from the services' history give the same figures.
/// A year is the China-time year of the day the thing happened (the visit's day, the exam's year),
/// falling back to when it was recorded.
/// </summary>
public static class FigureProjection
{
    public static IReadOnlyList<Contribution> ContributionsOf(IIntegrationEvent integrationEvent) => integrationEvent switch
    {
        ExamCandidatesEnrolled e => e.Candidates.Select(c => Contribution.Count(
            IsStateStaff(e.ExamKind) ? StateStaffEnrolled : LiteracyEnrolled, e.Year, key: $"{e.SessionId}:{c.PersonKey}", label: GroupLabel(c.Group))).ToList(),
        ExamResultRecorded e => ExamResult(e),
        LegalEducationActivityHeld e => Activity(e),
        LegalCulturePositionChanged e => Position(e),
        EnforcementOfficerRegistered e => [Contribution.Count(Officers, YearOf(e.OccurredAt), department: e.Department)],
        EnforcementCertificateChanged e => e.Change switch
        {
            "Issued" => [Contribution.Count(CertificatesIssued, e.Year, department: e.Department)],
            "ReviewPassed" => [Contribution.Count(CertificatesReviewPassed, e.Year, department: e.Department)],
            "ReviewFailed" => [Contribution.Count(CertificatesReviewFailed, e.Year, department: e.Department)],
            _ => [],
        },
        EnforcementCaseClosed e => [Contribution.Count(EnforcementCasesClosed, YearOf(e.OccurredAt), e.VillageCode, e.Department)],
        LawsuitHearingHeld e => e.HeadAppeared
            ? [Contribution.Count(LawsuitHearings, e.HeldOn.Year), Contribution.Count(LawsuitHeadAppeared, e.HeldOn.Year)]
            : [Contribution.Count(LawsuitHearings, e.HeldOn.Year)],
        LawsuitDecided e => e.Outcome == "Lost"
            ? [Contribution.Count(LawsuitsDecided, e.DecidedOn.Year, key: e.Outcome), Contribution.Count(LawsuitsLost, e.DecidedOn.Year)]
            : [Contribution.Count(LawsuitsDecided, e.DecidedOn.Year, key: e.Outcome)],

        MediationCaseOpened e => e.DistrictReference is null
            ? [Contribution.Count(CasesOpened, YearOf(e.OccurredAt), e.VillageCode, key: e.Level.ToString(), label: LevelLabel(e.Level))]
            : [Contribution.Count(CasesOpened, YearOf(e.OccurredAt), e.VillageCode, key: e.Level.ToString(), label: LevelLabel(e.Level)),
               Contribution.Count(DistrictReferrals, YearOf(e.OccurredAt), e.VillageCode)],
        DisputeResolved e => e.SourceReportId is null
            ? [Resolved(e)]
            : [Resolved(e), Contribution.Count(DisputesHandled, YearOf(e.OccurredAt), e.VillageCode, key: "Mediation", label: "报调解化解")],
        DisputeEscalated e => [Contribution.Count(DisputesEscalated, YearOf(e.OccurredAt), e.VillageCode, key: e.ToLevel.ToString(), label: LevelLabel(e.ToLevel))],
        DisputeReferredOut e => [Contribution.Count(DisputesReferredOut, YearOf(e.OccurredAt), e.VillageCode, key: e.Destination)],
        MediatorRegistered e => [Contribution.Count(Mediators, YearOf(e.OccurredAt), key: e.Level.ToString(), label: LevelLabel(e.Level))],
        MediatorGradeApplied e => [Contribution.Count(GradeApplications, YearOf(e.OccurredAt), key: e.RequestedGrade.ToString(), label: GradeLabel(e.RequestedGrade))],
        MediatorGradeGranted e => [Contribution.Count(GradesGranted, YearOf(e.OccurredAt), key: e.Grade.ToString(), label: GradeLabel(e.Grade))],

        VillageCounselContracted e => Enumerable.Range(e.From.Year, Math.Max(0, e.To.Year - e.From.Year + 1))
            .Select(year => Contribution.Count(VillagesWithCounsel, year, e.VillageCode, key: e.VillageCode)).ToList(),
        VillageMatterReviewed e => [Contribution.Count(MattersReviewed, YearOf(e.OccurredAt), e.VillageCode, key: e.Opinion, label: OpinionLabel(e.Opinion))],
        RectificationRequired e => [Contribution.Count(Rectifications, YearOf(e.OccurredAt), e.VillageCode)],
        VillageMatterFiled e => e.CampaignId is null
            ? [Contribution.Count(MattersFiled, YearOf(e.OccurredAt), e.VillageCode, key: e.Kind)]
            : [Contribution.Count(MattersFiled, YearOf(e.OccurredAt), e.VillageCode, key: e.Kind), Contribution.Count(CampaignMattersFiled, YearOf(e.OccurredAt), e.VillageCode)],

        VillageRegistered e => [Contribution.Count(Villages, YearOf(e.OccurredAt), e.VillageCode, key: e.VillageCode, label: e.Name)],
        TenHouseholdHeadChosen e =>
        [
            Contribution.Count(PilotVillages, YearOf(e.OccurredAt), e.VillageCode, key: e.VillageCode),
            Contribution.Count(HeadsChosen, YearOf(e.OccurredAt), e.VillageCode, key: e.GroupId.ToString()),
        ],
        HouseholdsVisited e => e.VisitedOn.GroupBy(day => day.Year)
            .Select(year => new Contribution(Visits, year.Key, e.VillageCode, null, null, null, year.Count())).ToList(),
        EarlyWarningRaised e => [Contribution.Count(Warnings, YearOf(e.OccurredAt), e.VillageCode, key: e.Category)],
        AppealCollected e => [Contribution.Count(AppealsCollected, YearOf(e.OccurredAt), e.VillageCode)],
        AppealSolved e => e.Solved ? [Contribution.Count(AppealsSolved, YearOf(e.OccurredAt), e.VillageCode, e.Department)] : [],
        DisputeHandledLocally e => [Contribution.Count(DisputesHandled, YearOf(e.OccurredAt), e.VillageCode, key: "Local", label: "十户长就地化解")],
        _ => [],
    };

    public static int YearOf(DateTimeOffset moment) => ChinaTime.DateOf(moment).Year;

    private static bool IsStateStaff(string examKind) => examKind == "StateStaffAnnual";

    private static IReadOnlyList<Contribution> ExamResult(ExamResultRecorded e)
    {
        var key = $"{e.SessionId}:{e.PersonKey}";
        var (sat, passed) = IsStateStaff(e.ExamKind) ? (StateStaffSat, StateStaffPassed) : (LiteracySat, LiteracyPassed);
        return e.Passed
            ? [Contribution.Count(sat, e.Year, key: key, label: GroupLabel(e.Group)), Contribution.Count(passed, e.Year, key: key, label: GroupLabel(e.Group))]
            : [Contribution.Count(sat, e.Year, key: key, label: GroupLabel(e.Group))];
    }

    private static IReadOnlyList<Contribution> Activity(LegalEducationActivityHeld e)
    {
        var year = e.HeldOn.Year;
        var contributions = new List<Contribution>
        {
            Contribution.Count(Activities, year, e.VillageCode, e.Departments.FirstOrDefault(), e.Kind, ActivityKindLabel(e.Kind)),
        };
        contributions.AddRange(e.Departments.Select(d => Contribution.Count(ActivityDepartments, year, e.VillageCode, d, key: d, label: d)));
        contributions.AddRange(e.Laws.Select(law => Contribution.Count(LawsCovered, year, e.VillageCode, key: law.Key, label: law.Name)));
        if (e.Materials > 0)
        {
            contributions.Add(new Contribution(Materials, year, e.VillageCode, e.Departments.FirstOrDefault(), null, null, e.Materials));
        }
        if (e.PeopleReached > 0)
        {
            contributions.Add(new Contribution(PeopleReached, year, e.VillageCode, e.Departments.FirstOrDefault(), null, null, e.PeopleReached));
        }
        return contributions;
    }

    private static IReadOnlyList<Contribution> Position(LegalCulturePositionChanged e)
    {
        if (e.UpgradedOn is not { } upgradedOn)
        {
            return e.Kind == "BulletinBoard"
                ? [Contribution.Count(VillagesWithBoard, YearOf(e.OccurredAt), e.VillageCode, key: e.VillageCode, label: e.VillageName)]
                : [];
        }
        var spending = new Contribution(PositionSpending, upgradedOn.Year, e.VillageCode, null, e.PositionId.ToString(), e.Name, e.Amount);
        return e.Kind == "Square"
            ? [Contribution.Count(SquaresUpgraded, upgradedOn.Year, e.VillageCode, key: e.PositionId.ToString(), label: SquareName(e)), spending]
            : [spending];
    }

    /// <summary>The report names a square by its village: 朱水湾村法治文化广场.</summary>
    private static string SquareName(LegalCulturePositionChanged e) =>
        e.Name.StartsWith(e.VillageName, StringComparison.Ordinal) ? e.Name : e.VillageName + e.Name;

    private static Contribution Resolved(DisputeResolved e) =>
        Contribution.Count(DisputesResolved, YearOf(e.OccurredAt), e.VillageCode, key: e.ResolvedAtLevel.ToString(), label: LevelLabel(e.ResolvedAtLevel));

    public static string LevelLabel(MediationLevel level) => level switch
    {
        MediationLevel.Village => "村居",
        MediationLevel.Section => "片区",
        MediationLevel.ManagementArea => "管区",
        MediationLevel.Town => "镇",
        _ => level.ToString(),
    };

    public static string GradeLabel(int grade) => grade switch
    {
        1 => "一级人民调解员",
        2 => "二级人民调解员",
        3 => "三级人民调解员",
        4 => "四级人民调解员",
        _ => $"{grade}级人民调解员",
    };

    public static string GroupLabel(string group) => group switch
    {
        "StateStaff" => "国家工作人员",
        "NewCivilServants" => "新入职公务员",
        "NewlyPromotedLeaders" => "新提拔领导干部",
        "EnforcementOfficers" => "执法人员",
        "VillageLegalLeaders" => "村居法治带头人和法律明白人",
        _ => group,
    };

    public static string ActivityKindLabel(string kind) => kind switch
    {
        "NationalSecurityEducationDay" => "4.15国家安全教育日",
        "ConstitutionDay" => "12.4国家宪法日",
        "MarketDayLawStall" => "“法律赶大集”",
        "SixIntos" => "精准普法六进",
        "Lecture" => "法治讲座",
        "CaseExplanation" => "以案释法",
        "NewMedia" => "新媒体普法",
        _ => kind,
    };

    private static string OpinionLabel(string opinion) => opinion switch
    {
        "Lawful" => "合法",
        "Rectify" => "需整改",
        "Unlawful" => "不合法",
        _ => opinion,
    };
}
