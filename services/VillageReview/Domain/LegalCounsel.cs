using Zaili.SharedKernel;

namespace Zaili.VillageReview.Domain;

/// <summary>一村（社区）一法律顾问: a lawyer under contract to a village for a period.</summary>
public sealed record LegalCounsel(Guid Id, string VillageCode, string LawyerName, string LawFirm, string LicenceNumber, DateTime ContractFrom, DateTime ContractTo)
{
    public static LegalCounsel Contract(string villageCode, string lawyerName, string lawFirm, string licenceNumber, DateOnly from, DateOnly to, DateTimeOffset now)
    {
        if (to < from)
        {
            throw new DomainRuleException("合同期限的结束日期不能早于开始日期", "counsel-period");
        }
        var licence = licenceNumber.Trim();
        // 律师执业证号: 17 digits.
        if (licence.Length != 17 || !licence.All(char.IsAsciiDigit))
        {
            throw new DomainRuleException("律师执业证号应为17位数字", "counsel-licence");
        }
        var name = lawyerName.Trim();
        var firm = lawFirm.Trim();
        if (name.Length is < 2 or > 30 || firm.Length is < 2 or > 100)
        {
            throw new DomainRuleException("律师姓名应为2至30字，律师事务所名称应为2至100字", "counsel-name");
        }
        return new LegalCounsel(Guid.CreateVersion7(now), villageCode, name, firm, licence, from.ToDateTime(TimeOnly.MinValue), to.ToDateTime(TimeOnly.MinValue));
    }

    public bool InForceOn(DateOnly day) => DateOnly.FromDateTime(ContractFrom) <= day && day <= DateOnly.FromDateTime(ContractTo);
}
