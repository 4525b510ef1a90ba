using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.SharedKernel;
using Zaili.Contracts;
using Zaili.Mediation.Data;
using Zaili.Mediation.Domain;

namespace Zaili.Mediation.Apis;

/// <summary>The four-level mediation network 镇—管区—片区—村居.</summary>
public static class NetworkApi
{
    public static RouteGroupBuilder MapNetworkApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/mediation/network", "Network");
        group.MapGet("/", ListAsync).WithName("ListNetworkNodes");
        group.MapPut("/", ImportAsync).WithName("ImportNetwork")
            .WithSummary("Adds or updates nodes of the network; each node must hang under a node one level up.");
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

    private static async Task<Ok<ImportResult>> ImportAsync(ImportNetworkRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var inputs = request.Nodes!.Select(n => new MediationNetwork.NodeInput(n.Code!, n.Name!, n.Level!.Value, n.ParentCode)).ToList();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await connection.ListNodesAsync(null, transaction, cancellationToken);
        var nodes = MediationNetwork.Import(inputs, existing);
        await connection.UpsertNodesAsync(nodes, time.GetUtcNow(), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new ImportResult(nodes.Count));
    }
}
