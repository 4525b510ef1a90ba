using Zaili.SharedKernel;

namespace Zaili.LegalEducation.Domain;

public enum ExamKind
{
    /// <summary>国家工作人员年度学法考法</summary>
    StateStaffAnnual,
    /// <summary>法治素养考试 (the four groups)</summary>
    LegalLiteracy,
}

public enum ExamGroup
{
    /// <summary>国家工作人员 (the annual exam)</summary>
    StateStaff,
    /// <summary>新入职公务员</summary>
    NewCivilServants,
    /// <summary>新提拔领导干部</summary>
    NewlyPromotedLeaders,
    /// <summary>行政执法人员</summary>
    EnforcementOfficers,
    /// <summary>村居法治带头人和法律明白人</summary>
    VillageLegalLeaders,
}

public sealed record Enrolment(string PersonKey, ExamGroup Group);

public sealed record Attempt(string PersonKey, decimal Score);

public sealed record GroupRates(ExamGroup Group, int Enrolled, int Participated, int Passed, decimal ParticipationRate, decimal PassRate);

/// <summary>
/// 参与率 and 及格率 are counted against the enrolled roster, not against who happened to sit: someone
/// enrolled who never sat lowers both. A re-sit counts once: a person participated if they sat at all and
/// passed if their best score reached the pass mark. Attempts of people not enrolled are not counted.
/// </summary>
public static class ExamRates
{
    public static IReadOnlyList<GroupRates> Compute(IReadOnlyCollection<Enrolment> roster, IReadOnlyCollection<Attempt> attempts, decimal passMark)
    {
        var best = attempts.GroupBy(a => a.PersonKey).ToDictionary(g => g.Key, g => g.Max(a => a.Score));
        return roster
            .GroupBy(e => e.Group)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var people = g.Select(e => e.PersonKey).Distinct().ToList();
                var sat = people.Count(p => best.ContainsKey(p));
                var passed = people.Count(p => best.TryGetValue(p, out var score) && score >= passMark);
                return new GroupRates(g.Key, people.Count, sat, passed, Rate(sat, people.Count), Rate(passed, people.Count));
            })
            .ToList();
    }

    private static decimal Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((decimal)part / whole, 4);

    public static void EnsureGroupFits(ExamKind kind, ExamGroup group)
    {
        var fits = kind == ExamKind.StateStaffAnnual ? group == ExamGroup.StateStaff : group != ExamGroup.StateStaff;
        if (!fits)
        {
            throw new DomainRuleException(kind == ExamKind.StateStaffAnnual
                ? "年度学法考法的考生应为国家工作人员"
                : "法治素养考试的考生应属于新入职公务员、新提拔领导干部、行政执法人员、村居法治带头人和法律明白人四类之一", "exam-group");
        }
    }

    public static void EnsureScore(decimal score)
    {
        if (score is < 0 or > 100)
        {
            throw new DomainRuleException("成绩应在0至100分之间", "exam-score");
        }
    }
}
