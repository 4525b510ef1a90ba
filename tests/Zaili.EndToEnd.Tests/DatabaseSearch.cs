using Dapper;
using Npgsql;

namespace Zaili.EndToEnd.Tests;

/// <summary>Reads the services' databases directly, around the API: where a value is stored in plain text.</summary>
public static class DatabaseSearch
{
    /// <summary>Every table of every service database with a row whose text contains <paramref name="value"/>.</summary>
    public static async Task<List<string>> TablesContainingAsync(PlatformFixture platform, string value, CancellationToken ct, params string[] except)
    {
        var found = new List<string>();
        foreach (var (service, _) in ResourceNames.Services)
        {
            await using var db = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(service)));
            await using var connection = await db.OpenConnectionAsync(ct);
            var tables = await connection.QueryAsync<string>(
                "SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY(@except))",
                new { except });
            foreach (var table in tables)
            {
                if (await connection.ExecuteScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM {table} t WHERE t::text LIKE @pattern)", new { pattern = "%" + value + "%" }))
                {
                    found.Add($"{service}.{table}");
                }
            }
        }
        return found;
    }
}
