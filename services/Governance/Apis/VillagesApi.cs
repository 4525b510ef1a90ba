using Zaili.ServiceDefaults.Http;
using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Contracts;
using Zaili.ServiceDefaults.Messaging;
using Zaili.Governance.Data;
using Zaili.Governance.Domain;
using Zaili.SharedKernel;

namespace Zaili.Governance.Apis;

/// <summary>The town's villages and communities (村居): the directory other records refer to.</summary>
public static class VillagesApi
{
    public static RouteGroupBuilder MapVillagesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/governance/villages", "Villages", StaffAccess.ReadWrite(
            // The directory of the town's villages names no one; every form that asks for a village or a town reads it.
            [StaffRoles.JusticeOffice, StaffRoles.GovernanceCentre, StaffRoles.PartyGovernmentOffice, StaffRoles.HouseholdHead, StaffRoles.EnforcementDepartment, StaffRoles.VillageCounsel, StaffRoles.Mediator],
            [StaffRoles.GovernanceCentre]));
        group.MapGet("/", ListAsync).WithName("ListVillages");
        group.MapPut("/", ImportAsync).WithName("ImportVillages")
            .WithSummary("Adds or updates villages by division code (an import of the directory).");
        return group;
    }

    public sealed record VillageInput
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? Code { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(50, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? Name { get; init; }

        public bool IsPilot { get; init; }
    }

    public sealed record ImportVillagesRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 1000, ErrorMessage = ValidationMessages.Count)]
        public List<VillageInput>? Villages { get; init; }
    }

    public sealed record ImportResult(int Imported);

    private static async Task<Ok<IReadOnlyList<Village>>> ListAsync(NpgsqlDataSource db, string? townCode, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await connection.ListVillagesAsync(townCode, cancellationToken));
    }

    private static async Task<Ok<ImportResult>> ImportAsync(ImportVillagesRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var villages = request.Villages!.Select(v => Village.Create(v.Code!, v.Name!, v.IsPilot)).ToList();
        var duplicate = villages.GroupBy(v => v.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainRuleException($"区划代码 {duplicate.Key} 在导入数据中重复", "village-duplicate");
        }
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        await connection.UpsertVillagesAsync(villages, now, transaction, cancellationToken);
        foreach (var village in villages)
        {
            // Other services keep their copy of the directory from these events.
            await outbox.EnqueueAsync(transaction, new VillageRegistered(village.Code, village.TownCode, village.Name, village.IsPilot, now), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new ImportResult(villages.Count));
    }
}
