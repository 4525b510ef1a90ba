using Zaili.ServiceDefaults.Http;
using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Contracts;
using Zaili.ServiceDefaults.Messaging;
using Zaili.ServiceDefaults.Data;
using Zaili.SharedKernel;
using Zaili.VillageReview.Data;
using Zaili.VillageReview.Domain;

namespace Zaili.VillageReview.Apis;

/// <summary>一村一法律顾问: counsel per village, coverage, the working-day calendar and the 四清 campaigns.</summary>
public static class CounselApi
{
    public static IEndpointRouteBuilder MapCounselApi(this IEndpointRouteBuilder endpoints)
    {
        var counsel = endpoints.MapPlatformGroup("/api/village-review/counsel", "Legal counsel", StaffAccess.ReadWrite([StaffRoles.JusticeOffice, StaffRoles.VillageCounsel, StaffRoles.PartyGovernmentOffice], [StaffRoles.JusticeOffice]));
        counsel.MapPost("/", ContractAsync).WithName("ContractCounsel");
        counsel.MapGet("/", ListAsync).WithName("ListCounsel");

        endpoints.MapGet("/api/village-review/coverage", CoverageAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.PartyGovernmentOffice).WithTags("Legal counsel").WithName("CounselCoverage")
            .WithSummary("Each village of the town and whether a counsel is in force today; those without are listed first.");
        endpoints.MapWorkingCalendarApi("/api/village-review").WithName("LoadCalendar");

        var campaigns = endpoints.MapPlatformGroup("/api/village-review/campaigns", "四清 campaign", StaffAccess.Only(StaffRoles.JusticeOffice, StaffRoles.PartyGovernmentOffice));
        campaigns.MapPost("/", StartCampaignAsync).WithName("StartCampaign");
        campaigns.MapGet("/{id:guid}/progress", ProgressAsync).WithName("CampaignProgress");
        return endpoints;
    }

    public sealed record CounselRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? VillageCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(30, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? LawyerName { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(100, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? LawFirm { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(17, MinimumLength = 17, ErrorMessage = ValidationMessages.Length)]
        public string? LicenceNumber { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? ContractFrom { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? ContractTo { get; init; }
    }

    public sealed record CampaignRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? TownCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(100, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Name { get; init; }

        [Range(2000, 2100, ErrorMessage = ValidationMessages.Range)]
        public int Year { get; init; }
    }

    public sealed record CampaignView(Guid Id, string TownCode, string Name, int Year);

    public sealed record Coverage(string TownCode, int Villages, int Covered, IReadOnlyList<ReviewStore.VillageCoverage> WithoutCounsel, IReadOnlyList<ReviewStore.VillageCoverage> All);

    private static async Task<Created<LegalCounsel>> ContractAsync(CounselRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var village = await connection.FindDirectoryVillageAsync(request.VillageCode!, transaction, cancellationToken) ?? throw VillageErrors.Unknown(request.VillageCode);
        var counsel = LegalCounsel.Contract(request.VillageCode!, request.LawyerName!, request.LawFirm!, request.LicenceNumber!, request.ContractFrom!.Value, request.ContractTo!.Value, now);
        await connection.InsertCounselAsync(counsel, now, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new VillageCounselContracted(counsel.Id, counsel.VillageCode, village.TownCode, DateOnly.FromDateTime(counsel.ContractFrom), DateOnly.FromDateTime(counsel.ContractTo), now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/village-review/counsel?villageCode={counsel.VillageCode}", counsel);
    }

    private static async Task<Ok<IReadOnlyList<LegalCounsel>>> ListAsync([Required] string villageCode, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await connection.ListCounselAsync(villageCode, cancellationToken));
    }

    private static async Task<Ok<Coverage>> CoverageAsync(string townCode, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var all = await connection.CoverageAsync(townCode, ChinaTime.DateOf(time.GetUtcNow()), cancellationToken);
        return TypedResults.Ok(new Coverage(townCode, all.Count, all.Count(v => v.HasCounselInForce), all.Where(v => !v.HasCounselInForce).ToList(), all));
    }

    private static async Task<Created<CampaignView>> StartCampaignAsync(CampaignRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        DivisionCode.RequireTown(request.TownCode);
        var view = new CampaignView(Guid.CreateVersion7(), request.TownCode!, request.Name!.Trim(), request.Year);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.InsertCampaignAsync(view.Id, view.TownCode, view.Name, view.Year, time.GetUtcNow(), cancellationToken);
        return TypedResults.Created($"/api/village-review/campaigns/{view.Id}/progress", view);
    }

    private static async Task<Ok<IReadOnlyList<ReviewStore.CampaignProgress>>> ProgressAsync(Guid id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        if (!await connection.CampaignExistsAsync(id, null, cancellationToken))
        {
            throw new RecordNotFoundException("四清攻坚行动", id.ToString());
        }
        return TypedResults.Ok(await connection.CampaignProgressAsync(id, cancellationToken));
    }
}
