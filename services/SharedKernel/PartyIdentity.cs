namespace Zaili.SharedKernel;

/// <summary>
/// The identifier of a party — a counterparty, the party of an enforcement case: an organisation by its
/// 统一社会信用代码 or a person by the 居民身份证号, exactly one of the two.
/// </summary>
public sealed record PartyIdentity(UnifiedSocialCreditCode? CreditCode, ResidentIdentityNumber? IdentityNumber)
{
    public bool IsPerson => IdentityNumber is not null;

    public static PartyIdentity Of(string? creditCode, string? identityNumber)
    {
        if ((creditCode is null) == (identityNumber is null))
        {
            throw new DomainRuleException("当事人应填写统一社会信用代码（单位）或居民身份证号（个人）其中之一", "party-id");
        }
        return creditCode is not null
            ? new PartyIdentity(UnifiedSocialCreditCode.Parse(creditCode), null)
            : new PartyIdentity(null, ResidentIdentityNumber.Parse(identityNumber!));
    }
}
