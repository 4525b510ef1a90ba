using System.Text.Json;
using Dapper;
using Npgsql;
using Zaili.SharedKernel;
using Zaili.VillageReview.Domain;

namespace Zaili.VillageReview.Data;

/// <summary>SQL for village review. Every write runs in the caller's transaction.</summary>
public static class ReviewStore
{
    public sealed record VillageCoverage(string Code, string Name, bool HasCounselInForce, string? LawyerName, string? LawFirm, DateTime? ContractTo);

    public static async Task<IReadOnlyList<VillageCoverage>> CoverageAsync(this NpgsqlConnection connection, string townCode, DateOnly day, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<VillageCoverage>(new CommandDefinition(
            """
            SELECT v.code, v.name, c.id IS NOT NULL AS has_counsel_in_force, c.lawyer_name, c.law_firm, c.contract_to::timestamp AS contract_to
            FROM villages v
            LEFT JOIN LATERAL (
                SELECT id, lawyer_name, law_firm, contract_to FROM legal_counsel
                WHERE village_code = v.code AND contract_from <= @day AND contract_to >= @day
                ORDER BY contract_to DESC LIMIT 1) c ON true
            WHERE v.town_code = @townCode ORDER BY v.code
            """, new { townCode, day = day.ToDateTime(TimeOnly.MinValue) }, cancellationToken: cancellationToken))).AsList();

    public static Task InsertCounselAsync(this NpgsqlConnection connection, LegalCounsel counsel, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO legal_counsel (id, village_code, lawyer_name, law_firm, licence_number, contract_from, contract_to, created_at)
            VALUES (@Id, @VillageCode, @LawyerName, @LawFirm, @LicenceNumber, @ContractFrom, @ContractTo, @now)
            """, new { counsel.Id, counsel.VillageCode, counsel.LawyerName, counsel.LawFirm, counsel.LicenceNumber, counsel.ContractFrom, counsel.ContractTo, now },
            transaction, cancellationToken: cancellationToken));

    private const string CounselColumns = "id, village_code, lawyer_name, law_firm, licence_number, contract_from::timestamp AS contract_from, contract_to::timestamp AS contract_to";

    public static Task<LegalCounsel?> FindCounselAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<LegalCounsel>(new CommandDefinition(
            $"SELECT {CounselColumns} FROM legal_counsel WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<LegalCounsel>> ListCounselAsync(this NpgsqlConnection connection, string villageCode, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<LegalCounsel>(new CommandDefinition(
            $"SELECT {CounselColumns} FROM legal_counsel WHERE village_code = @villageCode ORDER BY contract_from", new { villageCode }, cancellationToken: cancellationToken))).AsList();

    public static Task InsertCampaignAsync(this NpgsqlConnection connection, Guid id, string townCode, string name, int year, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO campaigns (id, town_code, name, year, created_at) VALUES (@id, @townCode, @name, @year, @now)",
            new { id, townCode, name, year, now }, cancellationToken: cancellationToken));

    public static Task<bool> CampaignExistsAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM campaigns WHERE id = @id)", new { id }, transaction, cancellationToken: cancellationToken));

    public sealed record CampaignProgress(string VillageCode, string? VillageName, int Found, int RectificationRequired, int Rectified, int Filed, int Unlawful);

    /// <summary>Per village: problem contracts found, sent back, rectified (resubmitted), filed, found unlawful.</summary>
    public static async Task<IReadOnlyList<CampaignProgress>> CampaignProgressAsync(this NpgsqlConnection connection, Guid campaignId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<CampaignProgress>(new CommandDefinition(
            """
            SELECT m.village_code, v.name AS village_name,
              count(*)::int AS found,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM matter_reviews r WHERE r.matter_id = m.id AND r.opinion = 'Rectify'))::int AS rectification_required,
              count(*) FILTER (WHERE m.version > 1)::int AS rectified,
              count(*) FILTER (WHERE m.status = 'Filed')::int AS filed,
              count(*) FILTER (WHERE m.status = 'Unlawful')::int AS unlawful
            FROM matters m LEFT JOIN villages v ON v.code = m.village_code
            WHERE m.campaign_id = @campaignId GROUP BY m.village_code, v.name ORDER BY m.village_code
            """, new { campaignId }, cancellationToken: cancellationToken))).AsList();

    private const string MatterColumns = """
        id, village_code, town_code, kind, campaign_id, submitted_at, title, counterparty_name, counterparty_credit_code, counterparty_identity_masked,
        amount, term_start::timestamp AS term_start, term_end::timestamp AS term_end, leases_collective_land, version, version_submitted_at,
        review_due_on::timestamp AS review_due_on, status, filing_number, filed_at
        """;

    public static async Task SaveMatterAsync(this NpgsqlConnection connection, MajorMatter m, byte[]? counterpartyIdentityCipher, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO matters (id, village_code, town_code, kind, campaign_id, submitted_at, title, counterparty_name, counterparty_credit_code,
                counterparty_identity_cipher, counterparty_identity_masked, amount, term_start, term_end, leases_collective_land, version,
                version_submitted_at, review_due_on, status, filing_number, filed_at)
            VALUES (@Id, @VillageCode, @TownCode, @Kind, @CampaignId, @SubmittedAt, @Title, @CounterpartyName, @CounterpartyCreditCode,
                @CounterpartyIdentityCipher, @CounterpartyIdentityMasked, @Amount, @TermStart, @TermEnd, @LeasesCollectiveLand, @Version,
                @VersionSubmittedAt, @ReviewDueOn, @Status, @FilingNumber, @FiledAt)
            ON CONFLICT (id) DO UPDATE SET title = excluded.title, counterparty_name = excluded.counterparty_name,
                counterparty_credit_code = excluded.counterparty_credit_code,
                counterparty_identity_cipher = coalesce(excluded.counterparty_identity_cipher, matters.counterparty_identity_cipher),
                counterparty_identity_masked = excluded.counterparty_identity_masked, amount = excluded.amount, term_start = excluded.term_start,
                term_end = excluded.term_end, leases_collective_land = excluded.leases_collective_land, version = excluded.version,
                version_submitted_at = excluded.version_submitted_at, review_due_on = excluded.review_due_on, status = excluded.status,
                filing_number = excluded.filing_number, filed_at = excluded.filed_at
            """,
            new
            {
                m.Id, m.VillageCode, m.TownCode, Kind = m.Kind.ToString(), m.CampaignId, m.SubmittedAt, m.Title,
                CounterpartyName = m.Contract?.Counterparty.Name, CounterpartyCreditCode = m.Contract?.Counterparty.CreditCode,
                CounterpartyIdentityCipher = counterpartyIdentityCipher, CounterpartyIdentityMasked = m.Contract?.Counterparty.IdentityMasked,
                Amount = m.Contract?.Amount, TermStart = m.Contract?.TermStart.ToDateTime(TimeOnly.MinValue), TermEnd = m.Contract?.TermEnd.ToDateTime(TimeOnly.MinValue),
                LeasesCollectiveLand = m.Contract?.LeasesCollectiveLand ?? false, m.Version, m.VersionSubmittedAt,
                ReviewDueOn = m.ReviewDueOn.ToDateTime(TimeOnly.MinValue), Status = m.Status.ToString(), m.FilingNumber, m.FiledAt,
            }, transaction, cancellationToken: cancellationToken));

    public static async Task InsertVersionAsync(this NpgsqlConnection connection, MajorMatter m, IReadOnlyList<(MatterDocument Document, byte[] Content)> documents, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO matter_versions (matter_id, version, title, contract, submitted_at) VALUES (@Id, @Version, @Title, CAST(@Contract AS jsonb), @VersionSubmittedAt)",
            new { m.Id, m.Version, m.Title, Contract = m.Contract is null ? null : JsonSerializer.Serialize(m.Contract, JsonSerializerOptions.Web), m.VersionSubmittedAt },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO matter_documents (id, matter_id, version, file_name, sha256, size, content) VALUES (@Id, @MatterId, @Version, @FileName, @Sha256, @Size, @Content)",
            documents.Select(d => new { Id = Guid.CreateVersion7(), MatterId = m.Id, m.Version, d.Document.FileName, d.Document.Sha256, d.Document.Size, d.Content }),
            transaction, cancellationToken: cancellationToken));
    }

    public static async Task<MajorMatter?> FindMatterAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, bool forUpdate, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<MatterRecord>(new CommandDefinition(
            $"SELECT {MatterColumns} FROM matters WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""), new { id }, transaction, cancellationToken: cancellationToken))
        is { } record ? MajorMatter.Restore(record) : null;

    /// <summary>Newest submitted first, or the nearest review deadline first; overdue is decided here, before the page is cut.</summary>
    public static async Task<IReadOnlyList<MajorMatter>> ListMattersAsync(this NpgsqlConnection connection, string[]? villageCodes, MatterStatus? status, Guid? campaignId,
        bool? overdue, DateOnly today, bool dueFirst, int limit, int offset, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<MatterRecord>(new CommandDefinition(
            $"""
            SELECT {MatterColumns} FROM matters
            WHERE (@villageCodes::text[] IS NULL OR village_code = ANY(@villageCodes)) AND (@status::text IS NULL OR status = @status)
              AND (@campaignId::uuid IS NULL OR campaign_id = @campaignId)
              AND (@overdue::boolean IS NULL OR (status = 'AwaitingReview' AND review_due_on < @today) = @overdue)
            ORDER BY {(dueFirst ? "review_due_on, submitted_at" : "submitted_at DESC")}, id LIMIT @limit OFFSET @offset
            """, new { villageCodes, status = status?.ToString(), campaignId, overdue, today = today.ToDateTime(TimeOnly.MinValue), limit, offset }, cancellationToken: cancellationToken)))
        .Select(MajorMatter.Restore).ToList();

    public sealed record VersionView(int Version, string Title, DateTimeOffset SubmittedAt, IReadOnlyList<MatterDocument> Documents);

    private sealed class VersionRow
    {
        public int Version { get; init; }
        public string Title { get; init; } = "";
        public DateTimeOffset SubmittedAt { get; init; }
    }

    public static async Task<IReadOnlyList<VersionView>> VersionsAsync(this NpgsqlConnection connection, Guid matterId, CancellationToken cancellationToken)
    {
        var versions = await connection.QueryAsync<VersionRow>(new CommandDefinition(
            "SELECT version, title, submitted_at FROM matter_versions WHERE matter_id = @matterId ORDER BY version", new { matterId }, cancellationToken: cancellationToken));
        var documents = (await connection.QueryAsync<(int Version, string FileName, string Sha256, int Size)>(new CommandDefinition(
            "SELECT version, file_name, sha256, size FROM matter_documents WHERE matter_id = @matterId ORDER BY version, file_name", new { matterId }, cancellationToken: cancellationToken)))
            .ToLookup(d => d.Version, d => new MatterDocument(d.FileName, d.Sha256, d.Size));
        return versions.Select(v => new VersionView(v.Version, v.Title, v.SubmittedAt, documents[v.Version].ToList())).ToList();
    }

    public sealed class ReviewView
    {
        public int Version { get; init; }
        public Guid CounselId { get; init; }
        public string Opinion { get; init; } = "";
        public string Reasons { get; init; } = "";
        public string[] Provisions { get; init; } = [];
        public int WorkingDays { get; init; }
        public DateTimeOffset ReviewedAt { get; init; }
    }

    public static Task InsertReviewAsync(this NpgsqlConnection connection, Guid matterId, ReviewView review, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO matter_reviews (id, matter_id, version, counsel_id, opinion, reasons, provisions, working_days, reviewed_at)
            VALUES (@Id, @matterId, @Version, @CounselId, @Opinion, @Reasons, @Provisions, @WorkingDays, @ReviewedAt)
            """, new { Id = Guid.CreateVersion7(), matterId, review.Version, review.CounselId, review.Opinion, review.Reasons, review.Provisions, review.WorkingDays, review.ReviewedAt },
            transaction, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<ReviewView>> ReviewsAsync(this NpgsqlConnection connection, Guid matterId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ReviewView>(new CommandDefinition(
            "SELECT version, counsel_id, opinion, reasons, provisions, working_days, reviewed_at FROM matter_reviews WHERE matter_id = @matterId ORDER BY version",
            new { matterId }, cancellationToken: cancellationToken))).AsList();

    /// <summary>The next number of the town's filing sequence for the year (gap-free: the row lock serialises filings).</summary>
    public static Task<int> NextFilingSequenceAsync(this NpgsqlConnection connection, string townCode, int year, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO filing_sequences (town_code, year, last) VALUES (@townCode, @year, 1)
            ON CONFLICT (town_code, year) DO UPDATE SET last = filing_sequences.last + 1
            RETURNING last
            """, new { townCode, year }, transaction, cancellationToken: cancellationToken));

    public sealed record OpinionCount(string Kind, string Opinion, int Count);

    public sealed record Figures(int Reviewed, int Rectified, int Filed, double? AverageReviewWorkingDays, int OverdueNow, IReadOnlyList<OpinionCount> ByKindAndOpinion);

    public static async Task<Figures> FiguresAsync(this NpgsqlConnection connection, string townCode, DateTimeOffset start, DateTimeOffset end, DateOnly today, CancellationToken cancellationToken)
    {
        var parameters = new { townCode, start, end, today = today.ToDateTime(TimeOnly.MinValue) };
        var byKind = (await connection.QueryAsync<OpinionCount>(new CommandDefinition(
            """
            SELECT m.kind, r.opinion, count(*)::int AS count FROM matter_reviews r JOIN matters m ON m.id = r.matter_id
            WHERE m.town_code = @townCode AND r.reviewed_at >= @start AND r.reviewed_at < @end GROUP BY m.kind, r.opinion ORDER BY m.kind, r.opinion
            """, parameters, cancellationToken: cancellationToken))).AsList();
        var totals = await connection.QuerySingleAsync<(int Reviewed, int Rectified, int Filed, double? Average, int Overdue)>(new CommandDefinition(
            """
            SELECT
              (SELECT count(*)::int FROM matter_reviews r JOIN matters m ON m.id = r.matter_id WHERE m.town_code = @townCode AND r.reviewed_at >= @start AND r.reviewed_at < @end),
              (SELECT count(*)::int FROM matter_versions v JOIN matters m ON m.id = v.matter_id WHERE m.town_code = @townCode AND v.version > 1 AND v.submitted_at >= @start AND v.submitted_at < @end),
              (SELECT count(*)::int FROM matters m WHERE m.town_code = @townCode AND m.status = 'Filed' AND m.filed_at >= @start AND m.filed_at < @end),
              (SELECT avg(r.working_days)::float8 FROM matter_reviews r JOIN matters m ON m.id = r.matter_id WHERE m.town_code = @townCode AND r.reviewed_at >= @start AND r.reviewed_at < @end),
              (SELECT count(*)::int FROM matters m WHERE m.town_code = @townCode AND m.status = 'AwaitingReview' AND m.review_due_on < @today)
            """, parameters, cancellationToken: cancellationToken));
        return new Figures(totals.Reviewed, totals.Rectified, totals.Filed, totals.Average is { } a ? Math.Round(a, 1) : null, totals.Overdue, byKind);
    }
}
