using Npgsql;

namespace Zaili.AppHost.Infrastructure;

/// <summary>
/// Backups of the services' databases with PostgreSQL's own tools: one <c>pg_dump</c> custom-format file
/// per database in a dated folder, restored with <c>pg_restore</c> into freshly created databases.
/// </summary>
public static class PostgresBackups
{
    public sealed record Server(string Host, int Port, string User, string Password)
    {
        public string AdminConnectionString(string database) =>
            $"Host={Host};Port={Port};Username={User};Password={Password};Database={database};Timeout=5;Pooling=false";

        public Dictionary<string, string> Environment => new() { ["PGPASSWORD"] = Password, ["PGCONNECT_TIMEOUT"] = "5" };
    }

    public static string NewFolder(string backupsRoot) =>
        Directory.CreateDirectory(Path.Combine(backupsRoot, DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture))).FullName;

    public static string? Latest(string backupsRoot) =>
        Directory.Exists(backupsRoot)
            ? Directory.GetDirectories(backupsRoot).Where(d => Directory.GetFiles(d, "*.dump").Length > 0).Order(StringComparer.Ordinal).LastOrDefault()
            : null;

    public static void Backup(string bin, Server server, IEnumerable<string> databases, string folder)
    {
        foreach (var database in databases)
        {
            var file = Path.Combine(folder, database + ".dump");
            var (exitCode, output) = HostTools.Run(Path.Combine(bin, "pg_dump"),
                ["--host", server.Host, "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", server.User,
                 "--format", "custom", "--no-owner", "--file", file, database],
                TimeSpan.FromMinutes(10), server.Environment);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"pg_dump {database} failed ({exitCode}): {output.Trim()}");
            }
        }
    }

    /// <summary>Drops and recreates each database of the folder, then restores it. The services must be stopped.</summary>
    public static async Task<IReadOnlyList<string>> RestoreAsync(string bin, Server server, string folder, CancellationToken cancellationToken)
    {
        var restored = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.dump").Order(StringComparer.Ordinal))
        {
            var database = Path.GetFileNameWithoutExtension(file);
            await RecreateAsync(server, database, cancellationToken);
            var (exitCode, output) = HostTools.Run(Path.Combine(bin, "pg_restore"),
                ["--host", server.Host, "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", server.User,
                 "--no-owner", "--exit-on-error", "--dbname", database, file],
                TimeSpan.FromMinutes(10), server.Environment);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"pg_restore {database} failed ({exitCode}): {output.Trim()}");
            }
            restored.Add(database);
        }
        return restored;
    }

    public static async Task RecreateAsync(Server server, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", $"CREATE DATABASE \"{database}\"" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
