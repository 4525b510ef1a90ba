using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Governance.Data;
using Zaili.Governance.Domain;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;

namespace Zaili.Governance.Apis;

/// <summary>Households of the villages, registered one by one or imported from CSV.</summary>
public static class HouseholdsApi
{
    public static RouteGroupBuilder MapHouseholdsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/governance/households", "Households", StaffAccess.ReadWrite([StaffRoles.GovernanceCentre, StaffRoles.HouseholdHead], [StaffRoles.GovernanceCentre]));
        group.MapPost("/", RegisterAsync).WithName("RegisterHousehold");
        group.MapPut("/csv", ImportCsvAsync).WithName("ImportHouseholdsCsv").Accepts<string>("text/csv")
            .WithSummary("CSV with header villageCode,householderName,address,memberCount,contactPhone; all rows or none.");
        group.MapGet("/", ListAsync).WithName("ListHouseholds");
        return group;
    }

    public sealed record HouseholdInput
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? VillageCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(30, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? HouseholderName { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(200, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Address { get; init; }

        [Range(1, 30, ErrorMessage = ValidationMessages.Range)]
        public int MemberCount { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(20, MinimumLength = 7, ErrorMessage = ValidationMessages.Length)]
        public string? ContactPhone { get; init; }
    }

    public sealed record ImportResult(int Imported);

    private static async Task<Created<Household>> RegisterAsync(HouseholdInput input, NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var registered = await StoreAsync([(input.VillageCode!, input.HouseholderName!, input.Address!, input.MemberCount, input.ContactPhone!)], db, protector, time, cancellationToken);
        return TypedResults.Created($"/api/governance/households?villageCode={input.VillageCode}", registered[0]);
    }

    private static async Task<Ok<ImportResult>> ImportCsvAsync(HttpRequest request, NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var rows = CsvTable.Parse(await CsvRequest.ReadAsync(request, cancellationToken), "villageCode", "householderName", "address", "memberCount", "contactPhone")
            .Select(row => int.TryParse(row.Cells[3], out var members) && DivisionCode.TryParse(row.Cells[0], out _)
                ? (row.Cells[0], row.Cells[1], row.Cells[2], members, row.Cells[4])
                : throw new DomainRuleException($"CSV 第{row.LineNumber}行的区划代码或家庭人口无效", "csv-row"))
            .ToList();
        if (rows.Count > 5000)
        {
            throw new DomainRuleException("一次最多导入5000户", "csv-size");
        }
        var stored = await StoreAsync(rows, db, protector, time, cancellationToken);
        return TypedResults.Ok(new ImportResult(stored.Count));
    }

    private static async Task<IReadOnlyList<Household>> StoreAsync(
        IReadOnlyList<(string VillageCode, string Name, string Address, int Members, string Phone)> rows, NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var villages = new Dictionary<string, Village>();
        var households = new List<(Household, string)>();
        foreach (var row in rows)
        {
            if (!villages.TryGetValue(row.VillageCode, out var village))
            {
                village = await connection.FindVillageAsync(row.VillageCode, transaction, cancellationToken)
                    ?? throw VillageErrors.Unknown(row.VillageCode);
                villages[row.VillageCode] = village;
            }
            households.Add((Household.Register(village, row.Name, row.Address, row.Members, row.Phone, now), PhoneNumbers.Validate(row.Phone)));
        }
        await connection.InsertHouseholdsAsync(households, protector, now, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return households.Select(h => h.Item1).ToList();
    }

    /// <summary>A household as listed: the contact phone whole only to those who visit and coordinate (综治中心, the group's 十户长).</summary>
    public sealed record HouseholdView(Guid Id, string VillageCode, string HouseholderName, string Address, int MemberCount, string ContactMasked, string Contact, Guid? GroupId);

    private static async Task<Ok<IReadOnlyList<HouseholdView>>> ListAsync(
        [Required] string villageCode, bool? grouped, Caller caller, NpgsqlDataSource db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var own = GovernanceAccess.OwnGroup(caller);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        // Everyone who reaches this list is 综治中心, an administrator or the group's own head: all of them call the households.
        return TypedResults.Ok<IReadOnlyList<HouseholdView>>((await connection.ListHouseholdsAsync(villageCode, grouped, own, cancellationToken))
            .Select(row => new HouseholdView(row.Household.Id, row.Household.VillageCode, row.Household.HouseholderName, row.Household.Address,
                row.Household.MemberCount, row.Household.ContactMasked, protector.Unprotect(row.ContactCipher), row.Household.GroupId))
            .ToList());
    }
}
