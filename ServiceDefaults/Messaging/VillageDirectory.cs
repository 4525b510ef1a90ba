using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Zaili.Contracts;

namespace Zaili.ServiceDefaults.Messaging;

/// <summary>
/// A service's own copy of the village directory that governance owns, kept from
/// <see cref="VillageRegistered"/> events, for services that must know every village (coverage figures)
/// or check a village code. The service's migrations create the table:
/// <c>villages (code char(12) PRIMARY KEY, town_code char(12), name text, updated_at timestamptz)</c>.
/// </summary>
public static class VillageDirectory
{
    public static Task UpsertVillageAsync(this NpgsqlConnection connection, VillageRegistered village, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO villages (code, town_code, name, updated_at) VALUES (@VillageCode, @TownCode, @Name, @OccurredAt)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at WHERE villages.updated_at <= excluded.updated_at
            """, village, transaction, cancellationToken: cancellationToken));

    public static Task<DirectoryVillage?> FindDirectoryVillageAsync(this NpgsqlConnection connection, string code, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<DirectoryVillage>(new CommandDefinition(
            "SELECT code, town_code, name FROM villages WHERE code = @code", new { code }, transaction, cancellationToken: cancellationToken));

    public static Task<bool> VillageExistsAsync(this NpgsqlConnection connection, string code, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM villages WHERE code = @code)", new { code }, transaction, cancellationToken: cancellationToken));
}

/// <summary>A village of a service's copy of the directory.</summary>
public sealed record DirectoryVillage(string Code, string TownCode, string Name);

/// <summary>Keeps the service's village directory from governance's events; an older event never overwrites a newer one.</summary>
public sealed class VillageDirectoryConsumer(InboxCommitter inbox, ILogger<VillageDirectoryConsumer> logger)
    : InboxConsumer<VillageRegistered>(inbox, logger)
{
    protected override Task HandleAsync(VillageRegistered message, ConsumeScope scope, CancellationToken cancellationToken) =>
        scope.Connection.UpsertVillageAsync(message, scope.Transaction, cancellationToken);
}
