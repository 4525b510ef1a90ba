using Zaili.SharedKernel;

namespace Zaili.SharedKernel.Tests;

public class ResidentIdentityNumberTests
{
    [Theory]
    [InlineData("11010519491231002X")] // the example in GB 11643-1999
    [InlineData("440524188001010014")] // the example in GB 11643-1999
    [InlineData("11010519491231002x")] // a lower-case x is the same check character
    public void Accepts_numbers_with_a_correct_check_character(string input)
    {
        Assert.True(ResidentIdentityNumber.TryParse(input, out var number, out var error), error);
        Assert.Equal(input.ToUpperInvariant(), number.Value);
    }

    [Theory]
    [InlineData("110105194912310021", "校验码")]
    [InlineData("440524188001010015", "校验码")]
    [InlineData("11010519491231002", "18位")]
    [InlineData("1101051949123100211", "18位")]
    [InlineData("11010519491331002X", "出生日期")] // month 13
    [InlineData("11010517991231002X", "出生日期")] // before 1800: GB 11643 years start at 18xx
    [InlineData("1101051949A231002X", "数字")]
    [InlineData("", "18位")]
    [InlineData(null, "18位")]
    public void Rejects_malformed_numbers_with_the_reason(string? input, string reason)
    {
        Assert.False(ResidentIdentityNumber.TryParse(input, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Check_character_follows_ISO_7064_MOD_11_2()
    {
        Assert.Equal('X', ResidentIdentityNumber.CheckCharacterOf("11010519491231002"));
        Assert.Equal('4', ResidentIdentityNumber.CheckCharacterOf("44052418800101001"));
    }

    [Fact]
    public void Reads_the_birth_date()
    {
        Assert.Equal(new DateOnly(1949, 12, 31), ResidentIdentityNumber.Parse("11010519491231002X").BirthDate);
    }

    [Fact]
    public void Masks_all_but_the_first_and_last_four_characters()
    {
        var number = ResidentIdentityNumber.Parse("11010519491231002X");
        Assert.Equal("1101**********002X", number.Masked);
        Assert.Equal(number.Masked, number.ToString());
    }
}
