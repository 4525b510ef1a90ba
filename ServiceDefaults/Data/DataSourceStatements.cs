using Dapper;
using Npgsql;

namespace Zaili.ServiceDefaults.Data;

/// <summary>One-statement reads and writes on a pooled connection, for endpoints that need no transaction.</summary>
public static class DataSourceStatements
{
    public static async Task<int> ExecuteAsync(this NpgsqlDataSource db, string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    public static async Task<T?> QueryOneAsync<T>(this NpgsqlDataSource db, string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    public static async Task<IReadOnlyList<T>> QueryListAsync<T>(this NpgsqlDataSource db, string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
    }
}
