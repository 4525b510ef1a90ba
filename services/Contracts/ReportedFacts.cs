namespace Zaili.Contracts;

// Facts the services publish so that reporting can count every figure of the annual report from
// events alone. None carries a name, identity number or phone number of a private person.

/// <summary>Legal education enrolled people on an exam's roster: the denominator of 参与率.</summary>
/// <param name="SessionId">The exam session.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="Year">The exam year.</param>
/// <param name="ExamKind">StateStaffAnnual or LegalLiteracy.</param>
/// <param name="Candidates">Who was enrolled, by pseudonymous person key, with their group.</param>
/// <param name="OccurredAt">When the roster was recorded.</param>
public sealed record ExamCandidatesEnrolled(Guid SessionId, string TownCode, int Year, string ExamKind, IReadOnlyList<EnrolledCandidate> Candidates, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>One person on an exam roster.</summary>
public sealed record EnrolledCandidate(string PersonKey, string Group);

/// <summary>A law covered by an activity, under its catalogue key (one key for all spellings of one law).</summary>
public sealed record LawCovered(string Key, string Name);

/// <summary>A legal-education activity (普法活动) took place.</summary>
/// <param name="ActivityId">The activity.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="VillageCode">The village where it was held, if any.</param>
/// <param name="Kind">NationalSecurityDay, ConstitutionDay, MarketDayStall, SixIntos, Lecture, CaseExplanation, NewMedia or Other.</param>
/// <param name="Departments">The organising departments.</param>
/// <param name="Laws">The laws it covered.</param>
/// <param name="Materials">Materials handed out.</param>
/// <param name="PeopleReached">People reached.</param>
/// <param name="HeldOn">The day it was held (China time).</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record LegalEducationActivityHeld(
    Guid ActivityId, string TownCode, string? VillageCode, string Kind, IReadOnlyList<string> Departments, IReadOnlyList<LawCovered> Laws,
    int Materials, int PeopleReached, DateOnly HeldOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A legal-culture position (法治文化阵地) was set up or upgraded (提升改造).</summary>
/// <param name="PositionId">The position.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="VillageCode">The village it stands in.</param>
/// <param name="VillageName">The village's name, for the report's wording.</param>
/// <param name="Kind">Square or Board (or another kind).</param>
/// <param name="Name">The position's name.</param>
/// <param name="UpgradedOn">The upgrade's day; null when the position was set up.</param>
/// <param name="Amount">Money spent on the upgrade, in yuan.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record LegalCulturePositionChanged(
    Guid PositionId, string TownCode, string VillageCode, string VillageName, string Kind, string Name, DateOnly? UpgradedOn, decimal Amount, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Enforcement registered an officer (行政执法人员) on the town's roster.</summary>
public sealed record EnforcementOfficerRegistered(Guid OfficerId, string TownCode, string Department, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>An officer's certificate (行政执法证) was issued, passed or failed its annual review, or was revoked.</summary>
/// <param name="CertificateId">The certificate.</param>
/// <param name="OfficerId">Its officer.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="Department">The officer's department.</param>
/// <param name="Change">Issued, ReviewPassed, ReviewFailed or Revoked.</param>
/// <param name="Year">The year the change counts for (the review year for a review).</param>
/// <param name="OccurredAt">When it changed.</param>
public sealed record EnforcementCertificateChanged(Guid CertificateId, Guid OfficerId, string TownCode, string Department, string Change, int Year, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A hearing of an administrative lawsuit against the town, and whether the agency head appeared (出庭应诉).</summary>
public sealed record LawsuitHearingHeld(Guid LawsuitId, string TownCode, DateOnly HeldOn, bool HeadAppeared, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>An administrative lawsuit was decided: Won, Lost, Withdrawn or Settled (败诉率 counts Lost).</summary>
public sealed record LawsuitDecided(Guid LawsuitId, string TownCode, string Outcome, DateOnly DecidedOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Mediation registered a mediator (人民调解员) at a node; the node's mediators are published.</summary>
public sealed record MediatorRegistered(Guid MediatorId, string NodeCode, string TownCode, MediationLevel Level, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A mediator applied for a grade (等级评定申请).</summary>
public sealed record MediatorGradeApplied(Guid ApplicationId, Guid MediatorId, string NodeCode, string TownCode, int RequestedGrade, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A village contracted a legal counsel (一村一法律顾问) for a period.</summary>
public sealed record VillageCounselContracted(Guid CounselId, string VillageCode, string TownCode, DateOnly From, DateOnly To, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Governance collected an appeal (群众诉求).</summary>
public sealed record AppealCollected(Guid AppealId, string VillageCode, string TownCode, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A 十户长 settled a dispute within the group, without mediation (妥善处置).</summary>
public sealed record DisputeHandledLocally(Guid ReportId, string VillageCode, string TownCode, DisputeCategory Category, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A 十户长 visited households of the group (入户走访): one date per visit.</summary>
public sealed record HouseholdsVisited(Guid GroupId, string VillageCode, string TownCode, IReadOnlyList<DateOnly> VisitedOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Reporting: a town's annual rule-of-law report (法治政府建设情况报告) was submitted to the district.</summary>
/// <param name="ReportId">The report version.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="Year">The year reported on.</param>
/// <param name="Version">The version submitted (a correction is a later version).</param>
/// <param name="DocumentPath">Where the district fetches the document through the gateway.</param>
/// <param name="OccurredAt">When it was submitted.</param>
public sealed record AnnualReportSubmitted(Guid ReportId, string TownCode, int Year, int Version, string DocumentPath, DateTimeOffset OccurredAt) : IIntegrationEvent;
