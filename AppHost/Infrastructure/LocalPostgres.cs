using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.ApplicationModel;
using Npgsql;

namespace Zaili.AppHost.Infrastructure;

/// <summary>The machine's own PostgreSQL server, run by the orchestrator as an executable.</summary>
public sealed class LocalPostgresServerResource(string name, string command, string workingDirectory, int port, ParameterResource password, string passwordValue)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string UserName = "postgres";

    public int Port { get; } = port;
    public ParameterResource Password { get; } = password;

    /// <summary>For the AppHost's own connections (health checks, creating databases).</summary>
    internal string PasswordValue { get; } = passwordValue;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Port.ToString(System.Globalization.CultureInfo.InvariantCulture)};Username={UserName};Password={Password}");
}

/// <summary>One service's database on the local server; created when the server is ready.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;
    public LocalPostgresServerResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

public static class LocalPostgresBuilderExtensions
{
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, DataRoot dataRoot)
    {
        var bin = HostTools.PostgresBinDirectory();
        var home = dataRoot.Folder("postgres");
        var dataDirectory = Path.Combine(home, "data");
        var passwordValue = dataRoot.Secret("postgres-password");
        InitialiseCluster(bin, home, dataDirectory, passwordValue, dataRoot.IsScratch);

        var port = HostTools.FreeLoopbackPort();
        var password = builder.AddParameter($"{name}-password", passwordValue, secret: true);
        var settings = new List<string>
        {
            "-D", dataDirectory,
            "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=450",
            "-c", "shared_buffers=128MB",
            // Which statements cost the cluster its time, for operators and the bench: the view is created in
            // the postgres database once the server is ready. Its own cost is a hash update per statement.
            "-c", "shared_preload_libraries=pg_stat_statements",
        };
        if (dataRoot.IsScratch)
        {
            // Scratch data of a test run: skipping fsync saves seconds and risks only a machine crash, which
            // no test makes. Commits stay synchronous: with synchronous_commit=off a killed server loses
            // commits it had already acknowledged, and the reliability suite kills it.
            settings.AddRange(["-c", "fsync=off", "-c", "full_page_writes=off"]);
        }
        var (command, arguments) = HostTools.AsPostgresUser(Path.Combine(bin, "postgres"), [.. settings]);

        var server = new LocalPostgresServerResource(name, command, home, port, password.Resource, passwordValue);
        var healthCheckKey = $"{name}-protocol";
        builder.Services.AddHealthChecks().AddPromptCheck(healthCheckKey, ct => ProtocolHealthChecks.PostgresAsync(AdminConnectionString(port, passwordValue, "postgres"), ct));

        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (ready, ct) =>
        {
            // Aspire passes a parent's state only to container children: the databases report their own.
            var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
            await using var connection = new NpgsqlConnection(AdminConnectionString(port, passwordValue, "postgres"));
            await connection.OpenAsync(ct);
            await using (var statistics = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection))
            {
                await statistics.ExecuteNonQueryAsync(ct);
            }
            foreach (var database in builder.Resources.OfType<LocalPostgresDatabaseResource>().Where(db => db.Parent == server))
            {
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
                exists.Parameters.AddWithValue("name", database.DatabaseName);
                if (await exists.ExecuteScalarAsync(ct) is null)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName}\"", connection);
                    await create.ExecuteNonQueryAsync(ct);
                }
                await notifications.PublishUpdateAsync(database, state => state with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                    ResourceType = "PostgresDatabase",
                });
            }
        });

        return builder.AddResource(server)
            .WithArgs(arguments)
            .WithEndpoint(name: "tcp", port: port, targetPort: port, isProxied: false)
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Database")
            .ExcludeFromManifest();
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(this IResourceBuilder<LocalPostgresServerResource> server, string name)
    {
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource);
        var healthCheckKey = $"{name}-protocol";
        var passwordValue = server.Resource.PasswordValue;
        server.ApplicationBuilder.Services.AddHealthChecks().AddPromptCheck(healthCheckKey,
            ct => ProtocolHealthChecks.PostgresAsync(AdminConnectionString(server.Resource.Port, passwordValue, name), ct));
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new("database", name)],
            })
            .WithParentRelationship(server)
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
    }

    private static string AdminConnectionString(int port, string password, string database) =>
        $"Host=127.0.0.1;Port={port};Username={LocalPostgresServerResource.UserName};Password={password};Database={database};Timeout=3;Pooling=false";

    private static void InitialiseCluster(string bin, string home, string dataDirectory, string password, bool scratch)
    {
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }
        var passwordFile = Path.Combine(home, ".initdb-password");
        File.WriteAllText(passwordFile, password);
        if (HostTools.MustDropRoot)
        {
            HostTools.Chown(home, "postgres");
        }
        try
        {
            string[] initdbArguments =
            [
                "-D", dataDirectory, "--username", LocalPostgresServerResource.UserName, "--pwfile", passwordFile,
                "--auth", "scram-sha-256", "--encoding", "UTF8", "--locale", "C.UTF-8",
                .. scratch ? new[] { "--no-sync" } : [],
            ];
            var (command, arguments) = HostTools.AsPostgresUser(Path.Combine(bin, "initdb"), initdbArguments);
            var (exitCode, output) = HostTools.Run(command, arguments, TimeSpan.FromMinutes(2));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed ({exitCode}): {output}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }
}
