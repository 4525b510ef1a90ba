using Zaili.ServiceDefaults.Http;
using System.ComponentModel.DataAnnotations;
using Dapper;
using Npgsql;
using Zaili.Contracts;
using Zaili.Enforcement.Data;
using Zaili.Enforcement.Domain;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Enforcement.Apis;

/// <summary>Administrative litigation, normative documents, disclosure on request, and the year's figures.</summary>
public static class OversightApi
{
    public static IEndpointRouteBuilder MapOversightApi(this IEndpointRouteBuilder endpoints)
    {
        var lawsuits = endpoints.MapPlatformGroup("/api/enforcement/lawsuits", "Litigation", StaffAccess.Only(StaffRoles.JusticeOffice, StaffRoles.PartyGovernmentOffice));
        lawsuits.MapPost("/", FileLawsuitAsync).WithName("FileLawsuit");
        lawsuits.MapGet("/", LawsuitsAsync).WithName("ListLawsuits").WithSummary("Lawsuits newest first, with hearings and how often the head appeared; open=true for those undecided.");
        lawsuits.MapPost("/{id:guid}/hearings", HearingAsync).WithName("RecordLawsuitHearing").WithSummary("A hearing, and whether the agency head appeared in court (出庭应诉).");
        lawsuits.MapPost("/{id:guid}/outcome", OutcomeAsync).WithName("RecordLawsuitOutcome");

        var documents = endpoints.MapPlatformGroup("/api/enforcement/documents", "Normative documents", StaffAccess.Only(StaffRoles.JusticeOffice, StaffRoles.PartyGovernmentOffice));
        documents.MapPost("/", DraftAsync).WithName("DraftDocument");
        documents.MapPost("/{id:guid}/legality-review", DocumentReviewAsync).WithName("ReviewDocument");
        documents.MapPost("/{id:guid}/publication", DocumentPublishAsync).WithName("PublishDocument").WithSummary("Filing with the district is then due within 30 days.");
        documents.MapPost("/{id:guid}/filing", DocumentFileAsync).WithName("FileDocument");
        documents.MapPost("/{id:guid}/review-result", ReviewResultAsync).WithName("RecordDocumentReviewResult").WithSummary("The district's 备案审查 result of a filed document.");
        documents.MapGet("/{id:guid}", DocumentAsync).WithName("GetDocument");
        documents.MapGet("/", DocumentsAsync).WithName("ListDocuments").WithSummary("Normative documents newest first, by status.");

        endpoints.MapPost("/api/enforcement/powers", AddPowerAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.EnforcementDepartment).WithTags("Public").WithName("AddPower");
        endpoints.MapGet("/api/enforcement/public/powers", PowersAsync).AllowAnonymous().WithTags("Public").WithName("PublicPowers")
            .WithSummary("公示 of powers: department, power, kind and legal basis. No sign-in needed.");

        var disclosures = endpoints.MapPlatformGroup("/api/enforcement/disclosures", "Disclosure on request", StaffAccess.Only(StaffRoles.JusticeOffice, StaffRoles.PartyGovernmentOffice));
        disclosures.MapPost("/", ReceiveAsync).WithName("ReceiveDisclosureRequest").WithSummary("Due in 20 working days.");
        disclosures.MapPost("/{id:guid}/extension", ExtendAsync).WithName("ExtendDisclosure").WithSummary("Once, by 20 working days, with a reason.");
        disclosures.MapPost("/{id:guid}/answer", AnswerAsync).WithName("AnswerDisclosure");
        disclosures.MapGet("/{id:guid}", DisclosureAsync).WithName("GetDisclosure");
        disclosures.MapGet("/", DisclosuresAsync).WithName("ListDisclosures").WithSummary("Requests by due date; open=true for those not yet answered.");

        endpoints.MapGet("/api/enforcement/figures", FiguresAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.EnforcementDepartment, StaffRoles.PartyGovernmentOffice).WithTags("Figures").WithName("EnforcementFigures");
        return endpoints;
    }

    public sealed record LawsuitRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode] public string? TownCode { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(60, MinimumLength = 4, ErrorMessage = ValidationMessages.Length)] public string? CaseNumber { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(500, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)] public string? Cause { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required)] public DateOnly? FiledOn { get; init; }
    }

    public sealed record HearingRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)] public DateOnly? HeldOn { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required)] public bool? HeadAppeared { get; init; }
    }

    public sealed record OutcomeRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)] public LawsuitOutcome? Outcome { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required)] public DateOnly? DecidedOn { get; init; }
    }

    public sealed record DocumentRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode] public string? TownCode { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(200, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)] public string? Title { get; init; }
    }

    public sealed record DocumentReviewRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)] public bool? Lawful { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(4000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)] public string? Opinion { get; init; }
    }

    public sealed record DayRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)] public DateOnly? On { get; init; }
    }

    public sealed record DisclosureRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode] public string? TownCode { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(500, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)] public string? Subject { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required)] public DateOnly? ReceivedOn { get; init; }
    }

    public sealed record ExtensionRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(1000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)] public string? Reason { get; init; }
    }

    public sealed record ReviewResultRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(2000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)] public string? Result { get; init; }
    }

    public sealed record PowerRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode] public string? TownCode { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(50, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)] public string? Department { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(200, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)] public string? Name { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required)] public CaseKind? Kind { get; init; }
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(2000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)] public string? LegalBasis { get; init; }
    }

    public sealed record Power(string Department, string Name, string Kind, string LegalBasis);

    public sealed record DocumentView(Guid Id, string Title, DocumentStatus Status, DateOnly? PublishedOn, DateOnly? FilingDueOn, DateOnly? FiledOn, bool FilingOverdue, string? ReviewResult)
    {
        public static DocumentView Of(OversightStore.DocumentRow row, DateOnly today)
        {
            var due = OptionalDay(row.FilingDueOn);
            return new DocumentView(row.Id, row.Title, Enum.Parse<DocumentStatus>(row.Status), OptionalDay(row.PublishedOn), due, OptionalDay(row.FiledOn),
                row.FiledOn is null && due is { } d && today > d, row.ReviewResult);
        }
    }

    public sealed record DisclosureView(Guid Id, string Subject, DateOnly ReceivedOn, DateOnly DueOn, bool Extended, string? ExtensionReason, DateOnly? AnsweredOn, bool Overdue)
    {
        public static DisclosureView Of(OversightStore.DisclosureRow row, DateOnly today)
        {
            var due = DateOnly.FromDateTime(row.DueOn);
            var answered = OptionalDay(row.AnsweredOn);
            return new DisclosureView(row.Id, row.Subject, DateOnly.FromDateTime(row.ReceivedOn), due, row.Extended, row.ExtensionReason, answered, (answered ?? today) > due);
        }
    }

    public sealed record LawsuitView(Guid Id, string CaseNumber, string Cause, DateOnly FiledOn, int Hearings, int HeadAppeared, LawsuitOutcome? Outcome, DateOnly? DecidedOn);

    private static DateOnly? OptionalDay(DateTime? day) => day is { } d ? DateOnly.FromDateTime(d) : null;

    private static async Task<Ok<IReadOnlyList<LawsuitView>>> LawsuitsAsync(string townCode, NpgsqlDataSource db, CancellationToken cancellationToken, bool? open, int limit = 50, int offset = 0)
    {
        Paging.Check(limit, offset);
        var rows = await db.LawsuitsAsync(townCode, open, limit, offset, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<LawsuitView>>(rows.Select(r => new LawsuitView(
            r.Id, r.CaseNumber, r.Cause, DateOnly.FromDateTime(r.FiledOn), r.Hearings, r.HeadAppeared,
            r.Outcome is null ? null : Enum.Parse<LawsuitOutcome>(r.Outcome), OptionalDay(r.DecidedOn))).ToList());
    }

    private static async Task<Ok<IReadOnlyList<DocumentView>>> DocumentsAsync(string townCode, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken, DocumentStatus? status, int limit = 50, int offset = 0)
    {
        Paging.Check(limit, offset);
        var today = Today(time);
        return TypedResults.Ok<IReadOnlyList<DocumentView>>((await db.DocumentsAsync(townCode, status?.ToString(), limit, offset, cancellationToken)).Select(r => DocumentView.Of(r, today)).ToList());
    }

    private static async Task<Ok<IReadOnlyList<DisclosureView>>> DisclosuresAsync(string townCode, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken, bool? open, int limit = 50, int offset = 0)
    {
        Paging.Check(limit, offset);
        var today = Today(time);
        return TypedResults.Ok<IReadOnlyList<DisclosureView>>((await db.DisclosuresAsync(townCode, open, limit, offset, cancellationToken)).Select(r => DisclosureView.Of(r, today)).ToList());
    }

    public sealed record Figures(
        string TownCode, int Year, OversightStore.YearCounts Counts, decimal? AppearanceRate, decimal? LossRate,
        decimal? PublishedOnTimeRate, decimal? DocumentsFiledOnTimeRate, decimal? DisclosuresAnsweredOnTimeRate);

    private static DateTime Day(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);

    private static DateOnly Today(TimeProvider time) => ChinaTime.DateOf(time.GetUtcNow());

    private static void NotInFuture(DateOnly day, TimeProvider time, string what)
    {
        if (day > Today(time))
        {
            throw new DomainRuleException($"{what}不能晚于今天", "date-future");
        }
    }

    private static async Task<Created<Guid>> FileLawsuitAsync(LawsuitRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        NotInFuture(request.FiledOn!.Value, time, "立案日期");
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("INSERT INTO lawsuits (id, town_code, case_number, cause, filed_on) VALUES (@id, @TownCode, @CaseNumber, @Cause, @filedOn)",
            new { id, request.TownCode, CaseNumber = request.CaseNumber!.Trim(), Cause = request.Cause!.Trim(), filedOn = Day(request.FiledOn.Value) }, cancellationToken);
        return TypedResults.Created($"/api/enforcement/lawsuits/{id}", id);
    }

    private static async Task<NoContent> HearingAsync(Guid id, HearingRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        NotInFuture(request.HeldOn!.Value, time, "开庭日期");
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var townCode = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT town_code FROM lawsuits WHERE id = @id AND outcome IS NULL FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken))
            ?? throw new RecordNotFoundException("未结行政诉讼案件", id.ToString());
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO lawsuit_hearings (id, lawsuit_id, held_on, head_appeared) VALUES (@hid, @id, @heldOn, @appeared)",
            new { hid = Guid.CreateVersion7(), id, heldOn = Day(request.HeldOn.Value), appeared = request.HeadAppeared!.Value }, transaction, cancellationToken: cancellationToken));
        await outbox.EnqueueAsync(transaction, new LawsuitHearingHeld(id, townCode.Trim(), request.HeldOn.Value, request.HeadAppeared.Value, time.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> OutcomeAsync(Guid id, OutcomeRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        NotInFuture(request.DecidedOn!.Value, time, "裁判日期");
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var townCode = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "UPDATE lawsuits SET outcome = @outcome, decided_on = @decidedOn WHERE id = @id AND outcome IS NULL RETURNING town_code",
            new { id, outcome = request.Outcome!.Value.ToString(), decidedOn = Day(request.DecidedOn.Value) }, transaction, cancellationToken: cancellationToken))
            ?? throw new RecordNotFoundException("未结行政诉讼案件", id.ToString());
        await outbox.EnqueueAsync(transaction, new LawsuitDecided(id, townCode.Trim(), request.Outcome.Value.ToString(), request.DecidedOn.Value, time.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Created<DocumentView>> DraftAsync(DocumentRequest request, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("INSERT INTO normative_documents (id, town_code, title, status) VALUES (@id, @TownCode, @title, 'Draft')",
            new { id, request.TownCode, title = request.Title!.Trim() }, cancellationToken);
        return TypedResults.Created($"/api/enforcement/documents/{id}", new DocumentView(id, request.Title.Trim(), DocumentStatus.Draft, null, null, null, false, null));
    }

    private static Task<Ok<DocumentView>> DocumentReviewAsync(Guid id, DocumentReviewRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken) =>
        DocumentStepAsync(id, DocumentStatus.Reviewed, db, time, cancellationToken, request.Lawful == true
            ? ("UPDATE normative_documents SET status = 'Reviewed', legality_opinion = @opinion WHERE id = @id", new { id, opinion = request.Opinion!.Trim() })
            : throw new DomainRuleException("合法性审查未通过的规范性文件不能进入发布程序，请修改后重新审查", "document-unlawful"));

    private static Task<Ok<DocumentView>> DocumentPublishAsync(Guid id, DayRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        NotInFuture(request.On!.Value, time, "发布日期");
        return DocumentStepAsync(id, DocumentStatus.Published, db, time, cancellationToken,
            ("UPDATE normative_documents SET status = 'Published', published_on = @on, filing_due_on = @due WHERE id = @id",
             new { id, on = Day(request.On.Value), due = Day(Oversight.FilingDueOn(request.On.Value)) }));
    }

    private static Task<Ok<DocumentView>> DocumentFileAsync(Guid id, DayRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        NotInFuture(request.On!.Value, time, "备案日期");
        return DocumentStepAsync(id, DocumentStatus.Filed, db, time, cancellationToken,
            ("UPDATE normative_documents SET status = 'Filed', filed_on = @on WHERE id = @id", new { id, on = Day(request.On.Value) }));
    }

    private static async Task<Ok<DocumentView>> DocumentStepAsync(Guid id, DocumentStatus next, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken, (string Sql, object Parameters) change)
    {
        var current = await db.QueryOneAsync<OversightStore.DocumentRow>("SELECT id, title, status, published_on, filing_due_on, filed_on FROM normative_documents WHERE id = @id", new { id }, cancellationToken)
            ?? throw new RecordNotFoundException("规范性文件", id.ToString());
        Oversight.EnsureDocumentStep(Enum.Parse<DocumentStatus>(current.Status), next);
        await db.ExecuteAsync(change.Sql, change.Parameters, cancellationToken);
        return TypedResults.Ok((await DocumentAsync(id, db, time, cancellationToken)).Value!);
    }

    private static async Task<Ok<DocumentView>> ReviewResultAsync(Guid id, ReviewResultRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var document = (await DocumentAsync(id, db, time, cancellationToken)).Value!;
        if (document.Status != DocumentStatus.Filed)
        {
            throw new InvalidTransitionException("规范性文件", document.Status.ToString(), "RecordReviewResult", []);
        }
        await db.ExecuteAsync("UPDATE normative_documents SET review_result = @result WHERE id = @id", new { id, result = request.Result!.Trim() }, cancellationToken);
        return TypedResults.Ok(document);
    }

    private static async Task<Created<Power>> AddPowerAsync(PowerRequest request, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var power = new Power(request.Department!.Trim(), request.Name!.Trim(), request.Kind!.Value.ToString(), request.LegalBasis!.Trim());
        await db.ExecuteAsync(
            "INSERT INTO powers (id, town_code, department, name, kind, legal_basis) VALUES (@id, @TownCode, @Department, @Name, @Kind, @LegalBasis)",
            new { id = Guid.CreateVersion7(), request.TownCode, power.Department, power.Name, power.Kind, power.LegalBasis }, cancellationToken);
        return TypedResults.Created($"/api/enforcement/public/powers?townCode={request.TownCode}", power);
    }

    private static async Task<Ok<IReadOnlyList<Power>>> PowersAsync(string townCode, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<Power>>((await connection.QueryAsync<Power>(new CommandDefinition(
            "SELECT department, name, kind, legal_basis FROM powers WHERE town_code = @townCode ORDER BY department, kind, name", new { townCode }, cancellationToken: cancellationToken))).AsList());
    }

    private static async Task<Ok<DocumentView>> DocumentAsync(Guid id, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var row = await db.QueryOneAsync<OversightStore.DocumentRow>("SELECT id, title, status, published_on, filing_due_on, filed_on, review_result FROM normative_documents WHERE id = @id", new { id }, cancellationToken)
            ?? throw new RecordNotFoundException("规范性文件", id.ToString());
        return TypedResults.Ok(DocumentView.Of(row, Today(time)));
    }

    private static async Task<Created<DisclosureView>> ReceiveAsync(DisclosureRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        NotInFuture(request.ReceivedOn!.Value, time, "收到申请日期");
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var due = Oversight.DisclosureDueOn(request.ReceivedOn.Value, await connection.CalendarAsync(null, cancellationToken));
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("INSERT INTO disclosure_requests (id, town_code, subject, received_on, due_on) VALUES (@id, @TownCode, @subject, @received, @due)",
            new { id, request.TownCode, subject = request.Subject!.Trim(), received = Day(request.ReceivedOn.Value), due = Day(due) }, cancellationToken);
        return TypedResults.Created($"/api/enforcement/disclosures/{id}", (await DisclosureAsync(id, db, time, cancellationToken)).Value!);
    }

    private static async Task<Ok<DisclosureView>> ExtendAsync(Guid id, ExtensionRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var row = await Disclosure(id, db, cancellationToken);
        if (row.AnsweredOn is not null)
        {
            throw new InvalidTransitionException("依申请公开", "Answered", "Extend", []);
        }
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var due = Oversight.Extend(DateOnly.FromDateTime(row.DueOn), row.Extended, request.Reason!, Today(time), await connection.CalendarAsync(null, cancellationToken));
        await db.ExecuteAsync("UPDATE disclosure_requests SET due_on = @due, extended = true, extension_reason = @reason WHERE id = @id",
            new { id, due = Day(due), reason = request.Reason!.Trim() }, cancellationToken);
        return await DisclosureAsync(id, db, time, cancellationToken);
    }

    private static async Task<Ok<DisclosureView>> AnswerAsync(Guid id, DayRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        NotInFuture(request.On!.Value, time, "答复日期");
        var row = await Disclosure(id, db, cancellationToken);
        if (row.AnsweredOn is not null)
        {
            throw new InvalidTransitionException("依申请公开", "Answered", "Answer", []);
        }
        if (request.On.Value < DateOnly.FromDateTime(row.ReceivedOn))
        {
            throw new DomainRuleException("答复日期不能早于收到申请日期", "disclosure-answer-date");
        }
        await db.ExecuteAsync("UPDATE disclosure_requests SET answered_on = @on WHERE id = @id", new { id, on = Day(request.On.Value) }, cancellationToken);
        return await DisclosureAsync(id, db, time, cancellationToken);
    }

    private static async Task<OversightStore.DisclosureRow> Disclosure(Guid id, NpgsqlDataSource db, CancellationToken cancellationToken) =>
        await db.QueryOneAsync<OversightStore.DisclosureRow>("SELECT id, subject, received_on, due_on, extended, extension_reason, answered_on FROM disclosure_requests WHERE id = @id", new { id }, cancellationToken)
        ?? throw new RecordNotFoundException("依申请公开", id.ToString());

    private static async Task<Ok<DisclosureView>> DisclosureAsync(Guid id, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var row = await Disclosure(id, db, cancellationToken);
        return TypedResults.Ok(DisclosureView.Of(row, Today(time)));
    }

    private static async Task<Ok<Figures>> FiguresAsync(string townCode, int year, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var c = await db.YearCountsAsync(townCode, year, Today(time), cancellationToken);
        decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
        return TypedResults.Ok(new Figures(townCode, year, c,
            Oversight.AppearanceRate(c.Hearings, c.HeadAppeared), Oversight.LossRate(c.LawsuitsWon, c.LawsuitsLost),
            Rate(c.PublishedOnTime, c.Decisions), Rate(c.DocumentsFiledOnTime, c.DocumentsPublished), Rate(c.DisclosuresAnsweredOnTime, c.DisclosuresReceived)));
    }
}
