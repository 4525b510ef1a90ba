using System.Security.Cryptography;
using System.Text;
using Zaili.SharedKernel;

namespace Zaili.Enforcement.Domain;

public enum CaseKind
{
    /// <summary>行政处罚</summary>
    Penalty,
    /// <summary>行政检查</summary>
    Inspection,
    /// <summary>行政强制</summary>
    Coercion,
}

public enum CaseStep
{
    Register,
    Investigate,
    Notify,
    Hear,
    Decide,
    Serve,
    Close,
}

/// <summary>One appended record of 执法全过程记录.</summary>
public sealed record CaseRecord(int Sequence, CaseStep Step, string Actor, DateTimeOffset RecordedAt, string Content, IReadOnlyList<string> AttachmentHashes, string PreviousHash, string Hash);

/// <summary>
/// The tamper-evident chain of a case's records: each record's hash covers its own fields and the hash of
/// the record before it, so changing, removing or reordering any stored record breaks every hash after it.
/// </summary>
public static class RecordChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(Guid caseId, int sequence, CaseStep step, string actor, DateTimeOffset recordedAt, string content, IReadOnlyList<string> attachments, string previousHash)
    {
        var canonical = string.Join('\n', caseId.ToString("N"), sequence, step, actor, recordedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"),
            content, string.Join(',', attachments), previousHash);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
    }

    public static CaseRecord Append(Guid caseId, CaseRecord? last, CaseStep step, string actor, string content, IReadOnlyList<string> attachments, DateTimeOffset now)
    {
        var text = content.Trim();
        if (text.Length is < 2 or > 8000)
        {
            throw new DomainRuleException("记录内容应为2至8000字", "record-content");
        }
        if (attachments.FirstOrDefault(a => a.Length != 64 || !a.All(Uri.IsHexDigit)) is { } bad)
        {
            throw new DomainRuleException($"附件摘要“{bad}”不是SHA-256十六进制值", "record-attachment");
        }
        // Stored timestamps keep microseconds; hash what will be read back.
        var at = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        var sequence = (last?.Sequence ?? 0) + 1;
        var previous = last?.Hash ?? Genesis;
        var normalised = attachments.Select(a => a.ToLowerInvariant()).ToList();
        return new CaseRecord(sequence, step, actor, at, text, normalised, previous, HashOf(caseId, sequence, step, actor, at, text, normalised, previous));
    }

    public sealed record Verification(bool Intact, int Records, int? BrokenAt, string? Reason);

    /// <summary>Recomputes the chain; names the first record where it breaks.</summary>
    public static Verification Verify(Guid caseId, IReadOnlyList<CaseRecord> records)
    {
        var previous = Genesis;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Sequence != i + 1)
            {
                return new Verification(false, records.Count, i + 1, $"第{i + 1}条记录缺失或顺序被改动");
            }
            if (r.PreviousHash != previous)
            {
                return new Verification(false, records.Count, r.Sequence, $"第{r.Sequence}条记录与前一条记录的链接不符");
            }
            if (HashOf(caseId, r.Sequence, r.Step, r.Actor, r.RecordedAt, r.Content, r.AttachmentHashes, r.PreviousHash) != r.Hash)
            {
                return new Verification(false, records.Count, r.Sequence, $"第{r.Sequence}条记录的内容已被改动");
            }
            previous = r.Hash;
        }
        return new Verification(true, records.Count, null, null);
    }

    /// <summary>行政处罚法 第四十二条: at least two officers, each with a certificate valid at that moment.</summary>
    public static void EnsureOfficersMayAct(IReadOnlyCollection<(Guid OfficerId, string Name, Certificate? Certificate)> officers, DateOnly today)
    {
        if (officers.Select(o => o.OfficerId).Distinct().Count() < 2)
        {
            throw new DomainRuleException("执法人员不得少于两人（行政处罚法第四十二条）", "case-two-officers");
        }
        if (officers.FirstOrDefault(o => o.Certificate is null || !o.Certificate.IsValidOn(today)) is { Name: not null } without)
        {
            throw new DomainRuleException($"{without.Name} 没有有效的行政执法证，不能执法", "case-certificate");
        }
    }
}
