using System.Text.Json;
using Dapper;
using Npgsql;
using Zaili.Reporting.Domain;

namespace Zaili.Reporting.Data;

public static class ReportStore
{
    private sealed class ReportRow
    {
        public Guid Id { get; init; }
        public string TownCode { get; init; } = "";
        public string TownName { get; init; } = "";
        public string Issuer { get; init; } = "";
        public int Year { get; init; }
        public int Version { get; init; }
        public string Status { get; init; } = "";
        public string Figures { get; init; } = "";
        public string Narrative { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string CreatedBy { get; init; } = "";
        public string? ApprovedBy { get; init; }
        public DateTimeOffset? ApprovedAt { get; init; }
        public string? SubmittedBy { get; init; }
        public DateTimeOffset? SubmittedAt { get; init; }

        public AnnualReport ToReport() => AnnualReport.Restore(Id, TownCode, TownName, Issuer, Year, Version, CreatedAt, CreatedBy, Enum.Parse<ReportStatus>(Status),
            JsonSerializer.Deserialize<FigureSet>(Figures, ReadModel.JsonOptions)!, JsonSerializer.Deserialize<ReportNarrative>(Narrative, ReadModel.JsonOptions)!,
            ApprovedBy, ApprovedAt, SubmittedBy, SubmittedAt);
    }

    private const string Columns = "id, town_code, town_name, issuer, year, version, status, figures::text AS figures, narrative::text AS narrative, created_at, created_by, approved_by, approved_at, submitted_by, submitted_at";

    public static async Task<AnnualReport?> FindReportAsync(this NpgsqlConnection connection, Guid id, NpgsqlTransaction? transaction, bool forUpdate, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<ReportRow>(new CommandDefinition(
            $"SELECT {Columns} FROM annual_reports WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""), new { id }, transaction, cancellationToken: cancellationToken)))?.ToReport();

    public static async Task<IReadOnlyList<AnnualReport>> ReportsAsync(this NpgsqlConnection connection, string townCode, int? year, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ReportRow>(new CommandDefinition(
            $"SELECT {Columns} FROM annual_reports WHERE town_code = @townCode AND (@year::int IS NULL OR year = @year) ORDER BY year DESC, version DESC",
            new { townCode, year }, cancellationToken: cancellationToken))).Select(r => r.ToReport()).ToList();

    public static Task InsertReportAsync(this NpgsqlConnection connection, AnnualReport report, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO annual_reports (id, town_code, town_name, issuer, year, version, status, figures, narrative, created_at, created_by)
            VALUES (@Id, @TownCode, @TownName, @Issuer, @Year, @Version, @Status, CAST(@Figures AS jsonb), CAST(@Narrative AS jsonb), @CreatedAt, @CreatedBy)
            """, Parameters(report), transaction, cancellationToken: cancellationToken));

    public static Task UpdateReportAsync(this NpgsqlConnection connection, AnnualReport report, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE annual_reports SET status = @Status, figures = CAST(@Figures AS jsonb), narrative = CAST(@Narrative AS jsonb),
              approved_by = @ApprovedBy, approved_at = @ApprovedAt, submitted_by = @SubmittedBy, submitted_at = @SubmittedAt
            WHERE id = @Id
            """, Parameters(report), transaction, cancellationToken: cancellationToken));

    private static object Parameters(AnnualReport r) => new
    {
        r.Id, r.TownCode, r.TownName, r.Issuer, r.Year, r.Version, Status = r.Status.ToString(),
        Figures = JsonSerializer.Serialize(r.Figures, ReadModel.JsonOptions), Narrative = JsonSerializer.Serialize(r.Narrative, ReadModel.JsonOptions),
        r.CreatedAt, r.CreatedBy, r.ApprovedBy, r.ApprovedAt, r.SubmittedBy, r.SubmittedAt,
    };
}
