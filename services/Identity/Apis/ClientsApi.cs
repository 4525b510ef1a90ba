using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using OpenIddict.Abstractions;
using Zaili.Contracts;
using Zaili.Identity.Data;
using Zaili.ServiceDefaults.Messaging;
using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Zaili.Identity.Apis;

/// <summary>
/// District systems that call the platform with client credentials. Each is bound to a division code (a
/// county, a town or a village) that limits what it may read; its secret is shown once.
/// </summary>
public static class ClientsApi
{
    public const string DivisionProperty = "division";

    public static void MapClientsApi(this WebApplication app)
    {
        var group = app.MapPlatformGroup("/api/identity/clients", "Clients", StaffAccess.Only(StaffRoles.Administrator));
        group.MapPost("/", RegisterAsync).WithName("RegisterClient");
        group.MapDelete("/{clientId}", RevokeAsync).WithName("RevokeClient");
    }

    public sealed record RegisterClientRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(60, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? DisplayName { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(12, MinimumLength = 12, ErrorMessage = ValidationMessages.Length)]
        public string? Division { get; init; }
    }

    public sealed record RegisteredClient(string ClientId, string ClientSecret, string DisplayName, string Division);

    private static async Task<Created<RegisteredClient>> RegisterAsync(RegisterClientRequest request, IOpenIddictApplicationManager applications)
    {
        if (!DivisionCode.TryParse(request.Division, out var division))
        {
            throw new DomainRuleException($"{request.Division} 不是有效的 12 位统计用区划代码", "division-invalid");
        }
        var clientId = "district-" + RandomNumberGenerator.GetHexString(12, lowercase: true);
        var secret = RandomNumberGenerator.GetHexString(48, lowercase: true);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = request.DisplayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + IdentityExtensions.ApiScope },
        };
        descriptor.Properties[DivisionProperty] = JsonSerializer.SerializeToElement(division.Value.Value);
        await applications.CreateAsync(descriptor);
        return TypedResults.Created($"/api/identity/clients/{clientId}", new RegisteredClient(clientId, secret, request.DisplayName!, division.Value.Value));
    }

    /// <summary>
    /// Deletes the client (no new token) and, in the same transaction, tells the platform (DistrictSystemRevoked):
    /// reporting then refuses its calls at once, before its last token lapses, and stops its webhooks.
    /// </summary>
    private static async Task<NoContent> RevokeAsync(
        string clientId, IOpenIddictApplicationManager applications, IdentityDb db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null || clientId == IdentityExtensions.ConsoleClientId)
        {
            throw new RecordNotFoundException("客户端", clientId);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await applications.DeleteAsync(application, cancellationToken);
        await outbox.EnqueueAsync((NpgsqlTransaction)transaction.GetDbTransaction(), new DistrictSystemRevoked(clientId, time.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
