namespace Zaili.SharedKernel;

/// <summary>Chinese messages for request validation attributes: staff read them in the console.</summary>
public static class ValidationMessages
{
    public const string Required = "{0} 为必填项";
    public const string Range = "{0} 应在 {1} 至 {2} 之间";
    public const string Length = "{0} 的长度应在 {2} 至 {1} 之间";
    public const string MaxLength = "{0} 最长为 {1}";
    public const string Count = "{0} 的条目数应在 {1} 至 {2} 之间";
}
