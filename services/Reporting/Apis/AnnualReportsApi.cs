using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Contracts;
using Zaili.Reporting.Data;
using Zaili.Reporting.Domain;
using Zaili.ServiceDefaults.Http;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Reporting.Apis;

/// <summary>法治政府建设情况报告: draft with frozen figures, narrative, approval, submission, versions, HTML and Markdown.</summary>
public static class AnnualReportsApi
{
    public static RouteGroupBuilder MapAnnualReportsApi(this IEndpointRouteBuilder endpoints)
    {
        var reports = endpoints.MapPlatformGroup("/api/reports/annual", "Annual report", StaffAccess.ReadWrite([StaffRoles.JusticeOffice, StaffRoles.PartyGovernmentOffice], [StaffRoles.PartyGovernmentOffice]));
        reports.MapPost("/", DraftAsync).WithName("DraftAnnualReport").WithSummary("A draft with the figures frozen as a snapshot at this moment.");
        reports.MapGet("/", ListAsync).WithName("ListAnnualReports");
        reports.MapGet("/{id:guid}", GetAsync).WithName("GetAnnualReport");
        reports.MapPut("/{id:guid}/narrative", EditAsync).WithName("EditReportNarrative").WithSummary("The parts people write; drafts only.");
        reports.MapPost("/{id:guid}/figures", RefreshAsync).WithName("RefreshReportFigures").WithSummary("A new snapshot of the figures; drafts only.");
        reports.MapPost("/{id:guid}/approval", ApproveAsync).WithName("ApproveAnnualReport");
        reports.MapPost("/{id:guid}/submission", SubmitAsync).WithName("SubmitAnnualReport")
            .WithSummary("Submits to the district (publishes AnnualReportSubmitted); the version never changes again.");
        reports.MapPost("/{id:guid}/versions", NewVersionAsync).WithName("NewAnnualReportVersion").WithSummary("A new draft after submission.");
        reports.MapGet("/{id:guid}/document.html", HtmlAsync).WithName("AnnualReportHtml").WithSummary("Printable on A4.");
        reports.MapGet("/{id:guid}/document.md", MarkdownAsync).WithName("AnnualReportMarkdown");
        reports.MapGet("/{id:guid}/document.docx", WordAsync).WithName("AnnualReportWord");
        return reports;
    }

    public sealed record DraftRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? TownCode { get; init; }

        [Range(2000, 2100, ErrorMessage = ValidationMessages.Range)]
        public int Year { get; init; }

        /// <summary>The town's name as the report writes it: 寨里镇.</summary>
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(30, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? TownName { get; init; }

        /// <summary>Who the report is from: 中共寨里镇党委 寨里镇人民政府.</summary>
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(100, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Issuer { get; init; }
    }

    public sealed record NarrativeRequest
    {
        [StringLength(4000, ErrorMessage = ValidationMessages.Length)]
        public string? Introduction { get; init; }

        public Dictionary<int, string>? Supplements { get; init; }

        [StringLength(20000, ErrorMessage = ValidationMessages.Length)]
        public string? Leadership { get; init; }

        [StringLength(20000, ErrorMessage = ValidationMessages.Length)]
        public string? Shortcomings { get; init; }

        [StringLength(20000, ErrorMessage = ValidationMessages.Length)]
        public string? NextYear { get; init; }
    }

    public sealed record SignOffRequest
    {
        /// <summary>Who approves or submits, as the office records it.</summary>
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(50, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? By { get; init; }
    }

    public sealed record ReportView(
        Guid Id, string TownCode, string TownName, string Issuer, int Year, int Version, ReportStatus Status, IReadOnlyList<string> AllowedActions,
        DateTimeOffset FiguresCountedAt, IReadOnlyList<FigureValue> Figures, ReportNarrative Narrative,
        DateTimeOffset CreatedAt, string CreatedBy, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? SubmittedBy, DateTimeOffset? SubmittedAt,
        string Html, string Markdown, string Word)
    {
        public static ReportView Of(AnnualReport r) => new(
            r.Id, r.TownCode, r.TownName, r.Issuer, r.Year, r.Version, r.Status, r.AllowedActions(), r.Figures.CountedAt, r.Figures.Figures, r.Narrative,
            r.CreatedAt, r.CreatedBy, r.ApprovedBy, r.ApprovedAt, r.SubmittedBy, r.SubmittedAt,
            $"/api/reports/annual/{r.Id}/document.html", $"/api/reports/annual/{r.Id}/document.md", $"/api/reports/annual/{r.Id}/document.docx");
    }

    public sealed record ReportSummary(Guid Id, int Year, int Version, ReportStatus Status, DateTimeOffset FiguresCountedAt, DateTimeOffset? SubmittedAt);

    private static async Task<Created<ReportView>> DraftAsync(DraftRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        DivisionCode.RequireTown(request.TownCode);
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if ((await connection.ReportsAsync(request.TownCode!, request.Year, cancellationToken)).Count > 0)
        {
            throw new ConflictException($"{request.Year}年度报告已经起草，请在原报告上修改，或在报送后新建版本", "report-exists");
        }
        var figures = await connection.FiguresAsync(request.TownCode!, request.Year, null, null, now, transaction, cancellationToken);
        var report = AnnualReport.Draft(request.TownCode!, request.TownName!, request.Issuer!, request.Year, figures, caller.Subject, now);
        await connection.InsertReportAsync(report, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/reports/annual/{report.Id}", ReportView.Of(report));
    }

    private static async Task<Ok<IReadOnlyList<ReportSummary>>> ListAsync(string townCode, int? year, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        DivisionCode.RequireTown(townCode);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ReportSummary>>((await connection.ReportsAsync(townCode, year, cancellationToken))
            .Select(r => new ReportSummary(r.Id, r.Year, r.Version, r.Status, r.Figures.CountedAt, r.SubmittedAt)).ToList());
    }

    private static async Task<AnnualReport> LoadAsync(NpgsqlDataSource db, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.FindReportAsync(id, null, forUpdate: false, cancellationToken) ?? throw new RecordNotFoundException("法治政府建设情况报告", id.ToString());
    }

    private static async Task<Ok<ReportView>> GetAsync(Guid id, NpgsqlDataSource db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ReportView.Of(await LoadAsync(db, id, cancellationToken)));

    private static Task<Ok<ReportView>> EditAsync(Guid id, NarrativeRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, db, time, (report, _, _) =>
        {
            if (request.Supplements?.Values.Any(text => text is null || text.Length > 20000) == true)
            {
                throw new DomainRuleException("每部分补充内容不超过20000字", "report-supplement-length");
            }
            report.EditNarrative(new ReportNarrative(request.Introduction?.Trim(), request.Supplements ?? [], request.Leadership?.Trim(), request.Shortcomings?.Trim(), request.NextYear?.Trim()));
            return Task.CompletedTask;
        }, cancellationToken);

    private static Task<Ok<ReportView>> RefreshAsync(Guid id, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, db, time, async (report, scope, now) =>
            report.RefreshFigures(await scope.Connection.FiguresAsync(report.TownCode, report.Year, null, null, now, scope.Transaction, cancellationToken)), cancellationToken);

    private static Task<Ok<ReportView>> ApproveAsync(Guid id, SignOffRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, db, time, (report, _, now) =>
        {
            report.Approve(request.By!.Trim(), now);
            return Task.CompletedTask;
        }, cancellationToken);

    private static Task<Ok<ReportView>> SubmitAsync(Guid id, SignOffRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, db, time, async (report, scope, now) =>
        {
            report.Submit(request.By!.Trim(), now);
            await outbox.EnqueueAsync(scope.Transaction, new AnnualReportSubmitted(report.Id, report.TownCode, report.Year, report.Version,
                $"/api/reports/annual/{report.Id}/document.html", now), cancellationToken);
        }, cancellationToken);

    private sealed record Scope(NpgsqlConnection Connection, NpgsqlTransaction Transaction);

    private static async Task<Ok<ReportView>> ChangeAsync(Guid id, NpgsqlDataSource db, TimeProvider time, Func<AnnualReport, Scope, DateTimeOffset, Task> change, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var report = await connection.FindReportAsync(id, transaction, forUpdate: true, cancellationToken) ?? throw new RecordNotFoundException("法治政府建设情况报告", id.ToString());
        await change(report, new Scope(connection, transaction), now);
        await connection.UpdateReportAsync(report, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ReportView.Of(report));
    }

    private static async Task<Created<ReportView>> NewVersionAsync(Guid id, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var report = await connection.FindReportAsync(id, transaction, forUpdate: true, cancellationToken) ?? throw new RecordNotFoundException("法治政府建设情况报告", id.ToString());
        var next = report.NextVersion(await connection.FiguresAsync(report.TownCode, report.Year, null, null, now, transaction, cancellationToken), caller.Subject, now);
        await connection.InsertReportAsync(next, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/reports/annual/{next.Id}", ReportView.Of(next));
    }

    private static async Task<ContentHttpResult> HtmlAsync(Guid id, NpgsqlDataSource db, CancellationToken cancellationToken) =>
        TypedResults.Text(ReportWriter.ToHtml(ReportWriter.Compose(await LoadAsync(db, id, cancellationToken))), "text/html; charset=utf-8");

    private static async Task<FileContentHttpResult> WordAsync(Guid id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var report = await LoadAsync(db, id, cancellationToken);
        return TypedResults.File(WordDocument.Render(ReportWriter.Compose(report)),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{report.TownName}{report.Year}年度法治政府建设情况报告-第{report.Version}版.docx");
    }

    private static async Task<ContentHttpResult> MarkdownAsync(Guid id, NpgsqlDataSource db, CancellationToken cancellationToken) =>
        TypedResults.Text(ReportWriter.ToMarkdown(ReportWriter.Compose(await LoadAsync(db, id, cancellationToken))), "text/markdown; charset=utf-8");
}
