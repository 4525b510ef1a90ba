using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Zaili.ServiceDefaults.Data;

/// <summary>
/// Applies a service's SQL migrations — embedded resources named <c>Data/Migrations/NNNN_name.sql</c>
/// in the service assembly — in order, each in its own transaction, once. The platform's own tables
/// (outbox, inbox) come first. An advisory lock lets several replicas start at once; a changed
/// migration that was already applied stops the start instead of drifting silently.
/// </summary>
public sealed class SqlMigrator(NpgsqlDataSource dataSource, MigrationSource source, ILogger<SqlMigrator> logger) : IHostedService
{
    private const long AdvisoryLockKey = 0x5a61696c69; // "Zaili"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenWithRetryAsync(cancellationToken);
        // Another replica may be migrating: wait for it longer than a statement's usual 30 s.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@AdvisoryLockKey)", new { AdvisoryLockKey },
            commandTimeout: 300, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    id text PRIMARY KEY,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """);
            var applied = (await connection.QueryAsync<(string Id, string Checksum)>("SELECT id, checksum FROM schema_migrations"))
                .ToDictionary(row => row.Id, row => row.Checksum);

            foreach (var migration in source.Load())
            {
                if (applied.TryGetValue(migration.Id, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException($"Migration {migration.Id} changed after it was applied; add a new migration instead.");
                    }
                    continue;
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(migration.Sql, transaction: transaction);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (id, checksum) VALUES (@Id, @Checksum)",
                    new { migration.Id, migration.Checksum }, transaction);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Migration}", migration.Id);
            }
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@AdvisoryLockKey)", new { AdvisoryLockKey });
        }
    }

    /// <summary>The database may still be starting when the service starts (a restart of both, say).</summary>
    private async Task<NpgsqlConnection> OpenWithRetryAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await dataSource.OpenConnectionAsync(cancellationToken);
            }
            catch (NpgsqlException exception) when (attempt < 30)
            {
                logger.LogWarning("Database not reachable yet (attempt {Attempt}): {Message}", attempt, exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed record Migration(string Id, string Sql, string Checksum);

/// <summary>The platform's migrations followed by those embedded in the service assembly.</summary>
public sealed class MigrationSource(Assembly serviceAssembly)
{
    public IEnumerable<Migration> Load()
    {
        var platform = typeof(MigrationSource).Assembly;
        return Read(platform, "platform").Concat(Read(serviceAssembly, "service"));
    }

    private static IEnumerable<Migration> Read(Assembly assembly, string scope)
    {
        var names = assembly.GetManifestResourceNames()
            .Where(name => name.Contains(".Migrations.", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .OrderBy(name => name, StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd();
            var fileName = name[(name.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
            var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
            yield return new Migration($"{scope}/{fileName}", sql, checksum);
        }
    }
}
