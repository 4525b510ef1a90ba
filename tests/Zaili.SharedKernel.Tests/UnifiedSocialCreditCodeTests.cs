using Zaili.SharedKernel;

namespace Zaili.SharedKernel.Tests;

public class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91370302MA3C1234XT")]
    [InlineData("12370302004880234C")]
    public void Accepts_codes_with_a_correct_check_character(string input)
    {
        Assert.True(UnifiedSocialCreditCode.TryParse(input, out var code, out var error), error);
        Assert.Equal(input, code.Value);
    }

    [Theory]
    [InlineData("91350100M000100Y44", "校验码")]
    [InlineData("91350100M000100Y4", "18位")]
    [InlineData("91350100I000100Y43", "无效字符")] // I is not in the GB 32100 character set
    [InlineData("91350100O000100Y43", "无效字符")]
    [InlineData("913A0100M000100Y43", "行政区划代码")]
    [InlineData(null, "18位")]
    public void Rejects_malformed_codes_with_the_reason(string? input, string reason)
    {
        Assert.False(UnifiedSocialCreditCode.TryParse(input, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Check_character_is_MOD_31_over_the_first_seventeen()
    {
        Assert.Equal('3', UnifiedSocialCreditCode.CheckCharacterOf("91350100M000100Y4"));
        Assert.Equal('T', UnifiedSocialCreditCode.CheckCharacterOf("91370302MA3C1234X"));
    }
}

public class PartyIdentityTests
{
    [Fact]
    public void A_party_is_an_organisation_or_a_person_never_both_or_neither()
    {
        Assert.False(PartyIdentity.Of("91350100M000100Y43", null).IsPerson);
        Assert.True(PartyIdentity.Of(null, "11010519491231002X").IsPerson);
        Assert.Equal("party-id", Assert.Throws<DomainRuleException>(() => PartyIdentity.Of("91350100M000100Y43", "11010519491231002X")).Code);
        Assert.Equal("party-id", Assert.Throws<DomainRuleException>(() => PartyIdentity.Of(null, null)).Code);
    }
}
