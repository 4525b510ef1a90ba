using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.SharedKernel;
using Zaili.Contracts;
using Zaili.Mediation.Data;
using Zaili.Mediation.Domain;
using Zaili.ServiceDefaults.Http;

namespace Zaili.Mediation.Apis;

/// <summary>The four-level mediation network 镇—管区—片区—村居.</summary>
public static class NetworkApi
{
    public static RouteGroupBuilder MapNetworkApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/mediation/network", "Network", StaffAccess.ReadWrite([StaffRoles.JusticeOffice, StaffRoles.GovernanceCentre, StaffRoles.Mediator], [StaffRoles.JusticeOffice]));
        group.MapGet("/", ListAsync).WithName("ListNetworkNodes");
        group.MapPut("/", ImportAsync).WithName("ImportNetwork")
            .WithSummary("Adds or updates nodes of the network; each node must hang under a node one level up.");
        group.MapPut("/csv", ImportCsvAsync).WithName("ImportNetworkCsv")
            .Accepts<string>("text/csv")
            .WithSummary("The same import from CSV: code,name,level,parentCode (level as 镇/管区/片区/村居).");
        group.MapPatch("/{code}", EditAsync).WithName("EditNetworkNode")
            .WithSummary("Renames a node or moves it under another node of the level above.");
        return group;
    }

    public sealed record NodeInput
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(40, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? Code { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(50, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? Name { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public MediationLevel? Level { get; init; }

        [StringLength(40, ErrorMessage = ValidationMessages.Length)]
        public string? ParentCode { get; init; }
    }

    public sealed record ImportNetworkRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 2000, ErrorMessage = ValidationMessages.Count)]
        public List<NodeInput>? Nodes { get; init; }
    }

    public sealed record ImportResult(int Imported);

    private static async Task<Ok<IReadOnlyList<NetworkNode>>> ListAsync(NpgsqlDataSource db, string? townCode, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await connection.ListNodesAsync(townCode, null, cancellationToken));
    }

    public sealed record EditNodeRequest
    {
        [StringLength(50, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? Name { get; init; }

        [StringLength(40, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? ParentCode { get; init; }
    }

    private static Task<Ok<ImportResult>> ImportAsync(ImportNetworkRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken) =>
        StoreAsync(request.Nodes!.Select(n => new MediationNetwork.NodeInput(n.Code!, n.Name!, n.Level!.Value, n.ParentCode)).ToList(), db, time, cancellationToken);

    private static async Task<Ok<ImportResult>> ImportCsvAsync(HttpRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var inputs = MediationNetwork.ParseCsv(await CsvRequest.ReadAsync(request, cancellationToken));
        if (inputs.Count > 2000)
        {
            throw new DomainRuleException("一次最多导入2000个节点", "csv-size");
        }
        return await StoreAsync(inputs, db, time, cancellationToken);
    }

    private static async Task<Ok<NetworkNode>> EditAsync(string code, EditNodeRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await connection.ListNodesAsync(null, transaction, cancellationToken);
        var node = existing.FirstOrDefault(n => n.Code == code) ?? throw new RecordNotFoundException("调解网络节点", code);
        if (request.ParentCode is { } parent && await connection.IsBelowAsync(parent, code, transaction, cancellationToken))
        {
            throw new DomainRuleException("不能把节点移到它自己的下级节点之下", "node-parent");
        }
        var edited = MediationNetwork.Edit(node, request.Name, request.ParentCode, existing);
        await connection.UpsertNodesAsync([edited], time.GetUtcNow(), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(edited);
    }

    private static async Task<Ok<ImportResult>> StoreAsync(IReadOnlyList<MediationNetwork.NodeInput> inputs, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await connection.ListNodesAsync(null, transaction, cancellationToken);
        var nodes = MediationNetwork.Import(inputs, existing);
        await connection.UpsertNodesAsync(nodes, time.GetUtcNow(), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new ImportResult(nodes.Count));
    }
}
