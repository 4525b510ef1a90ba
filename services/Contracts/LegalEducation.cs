namespace Zaili.Contracts;

/// <summary>
/// An exam result was recorded (学法考法, 法治素养考试). The person is named only by a pseudonymous key —
/// the keyed hash every service computes the same way from the identity number — never by the number.
/// </summary>
/// <param name="SessionId">The exam session.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="Year">The exam year.</param>
/// <param name="ExamKind">StateStaffAnnual or LegalLiteracy.</param>
/// <param name="Group">The person's group (StateStaff, NewCivilServants, NewlyPromotedLeaders, EnforcementOfficers, VillageLegalLeaders).</param>
/// <param name="PersonKey">Pseudonymous key of the person.</param>
/// <param name="Score">The score of this attempt.</param>
/// <param name="PassMark">The session's pass mark.</param>
/// <param name="Passed">Whether this attempt reached the pass mark.</param>
/// <param name="OccurredAt">When the result was recorded.</param>
public sealed record ExamResultRecorded(Guid SessionId, string TownCode, int Year, string ExamKind, string Group, string PersonKey, decimal Score, decimal PassMark, bool Passed, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// Enforcement closed a case. When it is marked for 以案释法, legal education counts an activity of the
/// enforcing department (谁执法谁普法).
/// </summary>
/// <param name="CaseId">The enforcement case.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="Department">The enforcing department.</param>
/// <param name="VillageCode">The village where it happened, if any.</param>
/// <param name="LawsApplied">The laws the case applied.</param>
/// <param name="ExplainLawThroughCase">Marked for 以案释法.</param>
/// <param name="Summary">What the case teaches, without personal identifiers.</param>
/// <param name="OccurredAt">When the case was closed.</param>
public sealed record EnforcementCaseClosed(Guid CaseId, string TownCode, string Department, string? VillageCode, IReadOnlyList<string> LawsApplied, bool ExplainLawThroughCase, string Summary, DateTimeOffset OccurredAt) : IIntegrationEvent;
