using Dapper;
using Npgsql;
using Zaili.ServiceDefaults.Data;

namespace Zaili.Enforcement.Data;

/// <summary>SQL for litigation, normative documents, disclosure requests and the year's figures.</summary>
public static class OversightStore
{
    private static DateTime Day(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);

    public sealed class DocumentRow
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTime? PublishedOn { get; init; }
        public DateTime? FilingDueOn { get; init; }
        public DateTime? FiledOn { get; init; }
        public string? ReviewResult { get; init; }
    }

    public sealed class DisclosureRow
    {
        public Guid Id { get; init; }
        public DateTime ReceivedOn { get; init; }
        public DateTime DueOn { get; init; }
        public bool Extended { get; init; }
        public DateTime? AnsweredOn { get; init; }
        public string Subject { get; init; } = "";
        public string? ExtensionReason { get; init; }
    }

    public sealed class LawsuitRow
    {
        public Guid Id { get; init; }
        public string CaseNumber { get; init; } = "";
        public string Cause { get; init; } = "";
        public DateTime FiledOn { get; init; }
        public int Hearings { get; init; }
        public int HeadAppeared { get; init; }
        public string? Outcome { get; init; }
        public DateTime? DecidedOn { get; init; }
    }

    /// <summary>Lawsuits newest first; <paramref name="open"/> selects those still without an outcome (or only decided ones).</summary>
    public static Task<IReadOnlyList<LawsuitRow>> LawsuitsAsync(this NpgsqlDataSource db, string townCode, bool? open, int limit, int offset, CancellationToken cancellationToken) =>
        db.QueryListAsync<LawsuitRow>(
            """
            SELECT l.id, l.case_number, l.cause, l.filed_on, l.outcome, l.decided_on,
                   (SELECT count(*)::int FROM lawsuit_hearings h WHERE h.lawsuit_id = l.id) AS hearings,
                   (SELECT count(*)::int FROM lawsuit_hearings h WHERE h.lawsuit_id = l.id AND h.head_appeared) AS head_appeared
            FROM lawsuits l
            WHERE l.town_code = @townCode AND (@open::boolean IS NULL OR (l.outcome IS NULL) = @open)
            ORDER BY l.filed_on DESC, l.id LIMIT @limit OFFSET @offset
            """, new { townCode, open, limit, offset }, cancellationToken);

    public static Task<IReadOnlyList<DocumentRow>> DocumentsAsync(this NpgsqlDataSource db, string townCode, string? status, int limit, int offset, CancellationToken cancellationToken) =>
        db.QueryListAsync<DocumentRow>(
            """
            SELECT id, title, status, published_on, filing_due_on, filed_on, review_result FROM normative_documents
            WHERE town_code = @townCode AND (@status::text IS NULL OR status = @status)
            ORDER BY id DESC LIMIT @limit OFFSET @offset
            """, new { townCode, status, limit, offset }, cancellationToken);

    /// <summary>Requests by due date, the nearest first: what must be answered next comes first.</summary>
    public static Task<IReadOnlyList<DisclosureRow>> DisclosuresAsync(this NpgsqlDataSource db, string townCode, bool? open, int limit, int offset, CancellationToken cancellationToken) =>
        db.QueryListAsync<DisclosureRow>(
            """
            SELECT id, subject, received_on, due_on, extended, extension_reason, answered_on FROM disclosure_requests
            WHERE town_code = @townCode AND (@open::boolean IS NULL OR (answered_on IS NULL) = @open)
            ORDER BY due_on, id LIMIT @limit OFFSET @offset
            """, new { townCode, open, limit, offset }, cancellationToken);

    public sealed class YearCounts
    {
        public int Officers { get; init; }
        public int ValidCertificates { get; init; }
        public int Penalties { get; init; }
        public int Inspections { get; init; }
        public int Coercions { get; init; }
        public int MajorDecisionsReviewed { get; init; }
        public int Decisions { get; init; }
        public int PublishedOnTime { get; init; }
        public int Hearings { get; init; }
        public int HeadAppeared { get; init; }
        public int LawsuitsWon { get; init; }
        public int LawsuitsLost { get; init; }
        public int DocumentsPublished { get; init; }
        public int DocumentsFiledOnTime { get; init; }
        public int DisclosuresReceived { get; init; }
        public int DisclosuresAnsweredOnTime { get; init; }
    }

    public static async Task<YearCounts> YearCountsAsync(this NpgsqlDataSource db, string townCode, int year, DateOnly today, CancellationToken cancellationToken) =>
        (await db.QueryOneAsync<YearCounts>(
            """
            SELECT
              (SELECT count(*)::int FROM officers WHERE town_code = @townCode) AS officers,
              (SELECT count(*)::int FROM certificates c JOIN officers o ON o.id = c.officer_id
                 WHERE o.town_code = @townCode AND c.status = 'Active' AND c.issued_on <= @today AND c.valid_until >= @today) AS valid_certificates,
              (SELECT count(*)::int FROM cases WHERE town_code = @townCode AND kind = 'Penalty' AND extract(year FROM opened_at AT TIME ZONE 'Asia/Shanghai') = @year) AS penalties,
              (SELECT count(*)::int FROM cases WHERE town_code = @townCode AND kind = 'Inspection' AND extract(year FROM opened_at AT TIME ZONE 'Asia/Shanghai') = @year) AS inspections,
              (SELECT count(*)::int FROM cases WHERE town_code = @townCode AND kind = 'Coercion' AND extract(year FROM opened_at AT TIME ZONE 'Asia/Shanghai') = @year) AS coercions,
              (SELECT count(DISTINCT r.case_id)::int FROM legal_reviews r JOIN cases c ON c.id = r.case_id
                 WHERE c.town_code = @townCode AND extract(year FROM r.reviewed_at AT TIME ZONE 'Asia/Shanghai') = @year) AS major_decisions_reviewed,
              (SELECT count(*)::int FROM cases WHERE town_code = @townCode AND extract(year FROM decided_at AT TIME ZONE 'Asia/Shanghai') = @year) AS decisions,
              (SELECT count(*)::int FROM cases WHERE town_code = @townCode AND extract(year FROM decided_at AT TIME ZONE 'Asia/Shanghai') = @year
                 AND published_at IS NOT NULL AND (published_at AT TIME ZONE 'Asia/Shanghai')::date <= publish_due_on) AS published_on_time,
              (SELECT count(*)::int FROM lawsuit_hearings h JOIN lawsuits l ON l.id = h.lawsuit_id WHERE l.town_code = @townCode AND extract(year FROM h.held_on) = @year) AS hearings,
              (SELECT count(*)::int FROM lawsuit_hearings h JOIN lawsuits l ON l.id = h.lawsuit_id WHERE l.town_code = @townCode AND extract(year FROM h.held_on) = @year AND h.head_appeared) AS head_appeared,
              (SELECT count(*)::int FROM lawsuits WHERE town_code = @townCode AND extract(year FROM decided_on) = @year AND outcome = 'Won') AS lawsuits_won,
              (SELECT count(*)::int FROM lawsuits WHERE town_code = @townCode AND extract(year FROM decided_on) = @year AND outcome = 'Lost') AS lawsuits_lost,
              (SELECT count(*)::int FROM normative_documents WHERE town_code = @townCode AND extract(year FROM published_on) = @year) AS documents_published,
              (SELECT count(*)::int FROM normative_documents WHERE town_code = @townCode AND extract(year FROM published_on) = @year AND filed_on <= filing_due_on) AS documents_filed_on_time,
              (SELECT count(*)::int FROM disclosure_requests WHERE town_code = @townCode AND extract(year FROM received_on) = @year) AS disclosures_received,
              (SELECT count(*)::int FROM disclosure_requests WHERE town_code = @townCode AND extract(year FROM received_on) = @year AND answered_on <= due_on) AS disclosures_answered_on_time
            """, new { townCode, year, today = Day(today) }, cancellationToken))!;
}
