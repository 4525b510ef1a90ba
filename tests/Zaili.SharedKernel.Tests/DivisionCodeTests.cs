using Zaili.SharedKernel;

namespace Zaili.SharedKernel.Tests;

public class DivisionCodeTests
{
    [Fact]
    public void A_village_code_names_its_county_and_town()
    {
        var code = DivisionCode.Parse("370302107201");
        Assert.Equal("370302", code.CountyCode);
        Assert.Equal("370302107000", code.TownCode);
        Assert.False(code.IsTown);
    }

    [Fact]
    public void A_town_code_ends_in_000()
    {
        Assert.True(DivisionCode.Parse("370302107000").IsTown);
    }

    [Theory]
    [InlineData("37030210720")]
    [InlineData("3703021072011")]
    [InlineData("37030210720A")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_anything_but_twelve_digits(string? input)
    {
        Assert.False(DivisionCode.TryParse(input, out _));
    }
}
