using Zaili.SharedKernel;

namespace Zaili.Enforcement.Domain;

public enum CertificateStatus
{
    /// <summary>有效</summary>
    Active,
    /// <summary>暂扣: failed the annual review (no passed exam that year).</summary>
    Suspended,
    /// <summary>注销</summary>
    Revoked,
}

/// <summary>
/// 行政执法证. Applying needs a passed law exam in the year of application; the annual review (年审) passes
/// only with a passed exam in the review year, otherwise the certificate is suspended; a revoked one is
/// final. An officer may act only with a certificate valid on that day.
/// </summary>
public sealed class Certificate
{
    public required Guid Id { get; init; }
    public required Guid OfficerId { get; init; }
    public required string Number { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public required DateOnly ValidUntil { get; init; }
    public CertificateStatus Status { get; private set; }
    public int? LastReviewYear { get; private set; }

    public static Certificate Issue(Guid officerId, string number, DateOnly validUntil, bool passedExamThisYear, DateOnly today)
    {
        if (!passedExamThisYear)
        {
            throw new DomainRuleException($"申领行政执法证须通过{today.Year}年度的法律知识考试", "certificate-no-exam");
        }
        var trimmed = number.Trim();
        if (trimmed.Length is < 6 or > 30)
        {
            throw new DomainRuleException("执法证号应为6至30个字符", "certificate-number");
        }
        if (validUntil <= today || validUntil > today.AddYears(6))
        {
            throw new DomainRuleException("有效期应晚于今天且不超过六年", "certificate-validity");
        }
        return new Certificate { Id = Guid.CreateVersion7(), OfficerId = officerId, Number = trimmed, IssuedOn = today, ValidUntil = validUntil, Status = CertificateStatus.Active };
    }

    public static Certificate Restore(Guid id, Guid officerId, string number, DateOnly issuedOn, DateOnly validUntil, string status, int? lastReviewYear)
    {
        var certificate = new Certificate { Id = id, OfficerId = officerId, Number = number, IssuedOn = issuedOn, ValidUntil = validUntil };
        certificate.Status = Enum.Parse<CertificateStatus>(status);
        certificate.LastReviewYear = lastReviewYear;
        return certificate;
    }

    public bool IsValidOn(DateOnly day) => Status == CertificateStatus.Active && IssuedOn <= day && day <= ValidUntil;

    /// <summary>年审: passes with a passed exam in the review year; otherwise the certificate is suspended.</summary>
    public void AnnualReview(int year, bool passedExamThatYear)
    {
        if (Status == CertificateStatus.Revoked)
        {
            throw new InvalidTransitionException("行政执法证", Status.ToString(), "AnnualReview", []);
        }
        if (LastReviewYear >= year)
        {
            throw new DomainRuleException($"{year}年度已年审", "certificate-reviewed");
        }
        Status = passedExamThatYear ? CertificateStatus.Active : CertificateStatus.Suspended;
        LastReviewYear = year;
    }

    public void Revoke()
    {
        if (Status == CertificateStatus.Revoked)
        {
            throw new InvalidTransitionException("行政执法证", Status.ToString(), "Revoke", []);
        }
        Status = CertificateStatus.Revoked;
    }
}
