namespace Zaili.SharedKernel.Tests;

public sealed class FieldNamesTests
{
    [Theory]
    [InlineData("Summary", "Summary 为必填项", "简要情况 为必填项")]
    [InlineData("party.creditCode", "CreditCode 为必填项", "统一社会信用代码 为必填项")]
    [InlineData("tasks[1].title", "Title 的长度应在 2 至 200 之间", "标题 的长度应在 2 至 200 之间")]
    [InlineData("villageCode", "村居代码应为12位数字", "村居代码应为12位数字")]
    [InlineData("unknownField", "UnknownField 为必填项", "UnknownField 为必填项")]
    public void A_message_that_names_its_field_in_English_names_it_in_Chinese(string key, string message, string expected) =>
        Assert.Equal(expected, FieldNames.InChinese(key, message));

    [Fact]
    public void Every_field_of_an_index_or_a_path_is_found_by_its_last_segment()
    {
        Assert.Equal("住户", FieldNames.ChineseOf("householdIds[3]"));
        Assert.Equal("身份证号", FieldNames.ChineseOf("people[0].identityNumber"));
        Assert.Null(FieldNames.ChineseOf("somethingElse"));
    }
}
