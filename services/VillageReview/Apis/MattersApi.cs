using Zaili.ServiceDefaults.Http;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Npgsql;
using Zaili.Contracts;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;
using Zaili.VillageReview.Data;
using Zaili.VillageReview.Domain;

namespace Zaili.VillageReview.Apis;

/// <summary>Major matters (重大事项): submission, legality review, rectification, filing, figures.</summary>
public static class MattersApi
{
    public const int MaxDocumentBytes = 512 * 1024;

    public static RouteGroupBuilder MapMattersApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/village-review/matters", "Major matters", StaffAccess.ReadWrite([StaffRoles.JusticeOffice, StaffRoles.VillageCounsel, StaffRoles.PartyGovernmentOffice], [StaffRoles.JusticeOffice, StaffRoles.VillageCounsel]));
        group.MapPost("/", SubmitAsync).RequireStaff(StaffRoles.JusticeOffice).WithName("SubmitMatter");
        group.MapGet("/", ListAsync).WithName("ListMatters");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetMatter").WithSummary("A matter with its versions (documents and hashes) and reviews.");
        group.MapPost("/{id:guid}/versions", ResubmitAsync).RequireStaff(StaffRoles.JusticeOffice).WithName("ResubmitMatter").WithSummary("The rectified version after 需整改.");
        group.MapPost("/{id:guid}/review", ReviewAsync).RequireStaff(StaffRoles.VillageCounsel).WithName("ReviewMatter")
            .WithSummary("The village's own counsel gives the opinion: Lawful, Rectify or Unlawful, with reasons and cited provisions.");
        group.MapPost("/{id:guid}/filing", FileAsync).RequireStaff(StaffRoles.JusticeOffice).WithName("FileMatter").WithSummary("备案 of a lawful matter: it gets the town's filing number.");
        endpoints.MapGet("/api/village-review/figures", FiguresAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.PartyGovernmentOffice).WithTags("Figures").WithName("VillageReviewFigures");
        return group;
    }

    public sealed record ContractInput
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(100, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? CounterpartyName { get; init; }

        [UnifiedSocialCreditCode]
        public string? CreditCode { get; init; }

        [ResidentIdentityNumber]
        public string? IdentityNumber { get; init; }

        [Range(0, 1_000_000_000_000, ErrorMessage = ValidationMessages.Range)]
        public decimal Amount { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? TermStart { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? TermEnd { get; init; }

        public bool LeasesCollectiveLand { get; init; }
    }

    public sealed record DocumentInput
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(200, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? FileName { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), Base64String]
        public string? ContentBase64 { get; init; }
    }

    public sealed record SubmitRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? VillageCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public MatterKind? Kind { get; init; }

        public Guid? CampaignId { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(200, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Title { get; init; }

        public ContractInput? Contract { get; init; }

        [Length(0, 10, ErrorMessage = ValidationMessages.Count)]
        public List<DocumentInput>? Documents { get; init; }
    }

    public sealed record ResubmitRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(200, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Title { get; init; }

        public ContractInput? Contract { get; init; }

        [Length(0, 10, ErrorMessage = ValidationMessages.Count)]
        public List<DocumentInput>? Documents { get; init; }
    }

    public sealed record ReviewRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public Guid? CounselId { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public Opinion? Opinion { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(4000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Reasons { get; init; }

        [Length(0, 30, ErrorMessage = ValidationMessages.Count)]
        public List<string>? Provisions { get; init; }
    }

    public sealed record MatterView(
        Guid Id, string VillageCode, string TownCode, MatterKind Kind, Guid? CampaignId, string Title, ContractTerms? Contract, bool FlaggedOverLeaseLimit,
        int Version, DateTimeOffset SubmittedAt, DateOnly ReviewDueOn, bool ReviewOverdue, MatterStatus Status, string? FilingNumber, DateTimeOffset? FiledAt,
        IReadOnlyCollection<string> AllowedActions)
    {
        public static MatterView Of(MajorMatter m, DateTimeOffset now) => new(
            m.Id, m.VillageCode, m.TownCode, m.Kind, m.CampaignId, m.Title, m.Contract, m.FlaggedOverLeaseLimit, m.Version, m.VersionSubmittedAt,
            m.ReviewDueOn, m.IsReviewOverdue(ChinaTime.DateOf(now)), m.Status, m.FilingNumber, m.FiledAt, MajorMatter.AllowedActions(m.Status));
    }

    public sealed record MatterDetail(MatterView Matter, IReadOnlyList<ReviewStore.VersionView> Versions, IReadOnlyList<ReviewStore.ReviewView> Reviews);

    private static (ContractTerms? Terms, byte[]? IdentityCipher) Terms(ContractInput? input, PersonalDataProtector protector)
    {
        if (input is null)
        {
            return (null, null);
        }
        var party = PartyIdentity.Of(input.CreditCode, input.IdentityNumber);
        var identity = party.IdentityNumber;
        var counterparty = new Counterparty(input.CounterpartyName!.Trim(), party.CreditCode?.Value, identity?.Masked);
        return (new ContractTerms(counterparty, input.Amount, input.TermStart!.Value, input.TermEnd!.Value, input.LeasesCollectiveLand),
            identity is null ? null : protector.Protect(identity.Value));
    }

    private static IReadOnlyList<(MatterDocument, byte[])> Documents(List<DocumentInput>? inputs) =>
        (inputs ?? []).Select(d =>
        {
            var content = Convert.FromBase64String(d.ContentBase64!);
            if (content.Length is 0 or > MaxDocumentBytes)
            {
                throw new DomainRuleException($"文件 {d.FileName} 应为1字节至{MaxDocumentBytes / 1024}KB", "document-size");
            }
            return (new MatterDocument(Path.GetFileName(d.FileName!.Trim()), Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), content.Length), content);
        }).ToList();

    private static async Task<Created<MatterView>> SubmitAsync(SubmitRequest request, NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (terms, identityCipher) = Terms(request.Contract, protector);
        var documents = Documents(request.Documents);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await connection.VillageExistsAsync(request.VillageCode!, transaction, cancellationToken))
        {
            throw VillageErrors.Unknown(request.VillageCode);
        }
        if (request.CampaignId is { } campaignId && !await connection.CampaignExistsAsync(campaignId, transaction, cancellationToken))
        {
            throw new DomainRuleException($"四清攻坚行动 {campaignId} 不存在", "campaign-unknown");
        }
        var matter = MajorMatter.Submit(request.VillageCode!, request.Kind!.Value, request.Title!, terms, request.CampaignId, await connection.CalendarAsync(transaction, cancellationToken), now);
        await connection.SaveMatterAsync(matter, identityCipher, transaction, cancellationToken);
        await connection.InsertVersionAsync(matter, documents, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/village-review/matters/{matter.Id}", MatterView.Of(matter, now));
    }

    private static async Task<Ok<MatterView>> ResubmitAsync(Guid id, ResubmitRequest request, NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (terms, identityCipher) = Terms(request.Contract, protector);
        var documents = Documents(request.Documents);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var matter = await connection.FindMatterAsync(id, transaction, forUpdate: true, cancellationToken) ?? throw new RecordNotFoundException("重大事项", id.ToString());
        matter.Resubmit(request.Title!, terms, await connection.CalendarAsync(transaction, cancellationToken), now);
        await connection.SaveMatterAsync(matter, identityCipher, transaction, cancellationToken);
        await connection.InsertVersionAsync(matter, documents, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(MatterView.Of(matter, now));
    }

    private static async Task<Ok<MatterView>> ReviewAsync(Guid id, ReviewRequest request, Caller caller, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var matter = await connection.FindMatterAsync(id, transaction, forUpdate: true, cancellationToken) ?? throw new RecordNotFoundException("重大事项", id.ToString());
        ReviewAccess.EnsureServes(caller, id, matter.VillageCode);
        var counsel = await connection.FindCounselAsync(request.CounselId!.Value, transaction, cancellationToken)
            ?? throw new DomainRuleException($"法律顾问 {request.CounselId} 不存在", "counsel-unknown");
        var provisions = (request.Provisions ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        matter.Review(counsel, request.Opinion!.Value, request.Reasons!, provisions, now);
        var calendar = await connection.CalendarAsync(transaction, cancellationToken);
        var workingDays = calendar.WorkingDaysBetween(ChinaTime.DateOf(matter.VersionSubmittedAt), ChinaTime.DateOf(now));
        await connection.InsertReviewAsync(matter.Id, new ReviewStore.ReviewView
        {
            Version = matter.Version, CounselId = counsel.Id, Opinion = request.Opinion.Value.ToString(), Reasons = request.Reasons!.Trim(),
            Provisions = provisions.ToArray(), WorkingDays = workingDays, ReviewedAt = now,
        }, transaction, cancellationToken);
        await connection.SaveMatterAsync(matter, null, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new VillageMatterReviewed(matter.Id, matter.Version, matter.VillageCode, matter.TownCode, matter.Kind.ToString(),
            request.Opinion.Value.ToString(), workingDays, matter.CampaignId, now), cancellationToken);
        if (matter.Status == MatterStatus.RectificationRequired)
        {
            await outbox.EnqueueAsync(transaction, new RectificationRequired(matter.Id, matter.Version, matter.VillageCode, matter.TownCode, matter.CampaignId, now), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(MatterView.Of(matter, now));
    }

    private static async Task<Ok<MatterView>> FileAsync(Guid id, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var matter = await connection.FindMatterAsync(id, transaction, forUpdate: true, cancellationToken) ?? throw new RecordNotFoundException("重大事项", id.ToString());
        // Checked before a number is drawn, so a refused filing leaves no gap in the sequence.
        matter.EnsureCanFile();
        matter.File(await connection.NextFilingSequenceAsync(matter.TownCode, ChinaTime.DateOf(now).Year, transaction, cancellationToken), now);
        await connection.SaveMatterAsync(matter, null, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new VillageMatterFiled(matter.Id, matter.FilingNumber!, matter.VillageCode, matter.TownCode, matter.Kind.ToString(),
            matter.Version, matter.CampaignId, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(MatterView.Of(matter, now));
    }

    private static async Task<Ok<MatterDetail>> GetAsync(Guid id, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var matter = await connection.FindMatterAsync(id, null, forUpdate: false, cancellationToken) ?? throw new RecordNotFoundException("重大事项", id.ToString());
        ReviewAccess.EnsureServes(caller, id, matter.VillageCode);
        return TypedResults.Ok(new MatterDetail(MatterView.Of(matter, time.GetUtcNow()), await connection.VersionsAsync(id, cancellationToken), await connection.ReviewsAsync(id, cancellationToken)));
    }

    private static async Task<Ok<IReadOnlyList<MatterView>>> ListAsync(
        string? villageCode, MatterStatus? status, Guid? campaignId, bool? overdue, MatterOrder? sort, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken,
        int limit = 50, int offset = 0)
    {
        Paging.Check(limit, offset);
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var matters = await connection.ListMattersAsync(ReviewAccess.VillagesFor(caller, villageCode), status, campaignId, overdue, ChinaTime.DateOf(now),
            sort == MatterOrder.DueFirst, limit, offset, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MatterView>>(matters.Select(m => MatterView.Of(m, now)).ToList());
    }

    public enum MatterOrder
    {
        /// <summary>The latest submitted first (the default).</summary>
        Newest,
        /// <summary>The nearest review deadline first: what a counsel must answer next.</summary>
        DueFirst,
    }

    private static async Task<Ok<ReviewStore.Figures>> FiguresAsync(string townCode, DateOnly from, DateOnly to, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        DivisionCode.RequireTown(townCode);
        var (start, end) = ChinaTime.Period(from, to);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await connection.FiguresAsync(townCode, start, end, ChinaTime.DateOf(time.GetUtcNow()), cancellationToken));
    }
}
