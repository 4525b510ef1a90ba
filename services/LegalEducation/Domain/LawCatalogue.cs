using Zaili.SharedKernel;

namespace Zaili.LegalEducation.Domain;

/// <summary>
/// The laws the town teaches (法律法规). One law has one entry however it is written: 《宪法》, 宪法 and
/// 中华人民共和国宪法 are the same law, so the report counts laws, not spellings.
/// </summary>
public static class LawCatalogue
{
    private const string StatePrefix = "中华人民共和国";

    public static string KeyOf(string name)
    {
        var key = new string(name.Where(c => !char.IsWhiteSpace(c) && c is not ('《' or '》' or '<' or '>' or '“' or '”' or '"')).ToArray());
        if (key.StartsWith(StatePrefix, StringComparison.Ordinal) && key.Length > StatePrefix.Length)
        {
            key = key[StatePrefix.Length..];
        }
        if (key.Length is < 2 or > 60)
        {
            throw new DomainRuleException($"法律法规名称“{name}”无效", "law-name");
        }
        return key;
    }

    /// <summary>The distinct laws of a list, by key, keeping the first spelling of each for display.</summary>
    public static IReadOnlyDictionary<string, string> Distinct(IEnumerable<string> names) =>
        names.Select(n => (Key: KeyOf(n), Name: n.Trim()))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.First().Name.Trim('《', '》'));
}
