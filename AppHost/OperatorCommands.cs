using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Zaili.AppHost.Infrastructure;

namespace Zaili.AppHost;

/// <summary>
/// Buttons on the resources in the dashboard for the operators: replay a service's failed messages,
/// rebuild reporting's figures, back up, restore and reset the databases. Each reports success or a
/// failure it names.
/// </summary>
public static class OperatorCommands
{
    private static ResourceCommandState EnabledWhenRunning(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    private static ExecuteCommandResult Succeeded(string message) => new() { Success = true, Message = message };

    private static HttpClient ClientOf(IResourceBuilder<ProjectResource> service) =>
        new() { BaseAddress = new Uri(service.GetEndpoint("http").Url), Timeout = TimeSpan.FromMinutes(5) };

    private sealed record Replayed(string Queue, int Moved);

    public static IResourceBuilder<ProjectResource> WithReplayErrorsCommand(this IResourceBuilder<ProjectResource> service) =>
        service.WithCommand("replay-errors", "重放失败消息 Replay _error", async context =>
        {
            using var http = ClientOf(service);
            using var response = await http.PostAsync("/ops/error-queues/replay", null, context.CancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return CommandResults.Failure($"{service.Resource.Name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(context.CancellationToken)}");
            }
            var replayed = await response.Content.ReadFromJsonAsync<Replayed[]>(context.CancellationToken) ?? [];
            return Succeeded(replayed.Length == 0
                ? "No message waits in an _error queue"
                : "Moved back: " + string.Join(", ", replayed.Select(r => $"{r.Moved} to {r.Queue}")));
        }, new CommandOptions
        {
            Description = "Moves the messages this service's consumers gave up on back to their queues; the inbox applies each once.",
            IconName = "ArrowRepeatAll",
            UpdateState = EnabledWhenRunning,
        });

    private sealed record Rebuild(Guid Id, string Status, int Events, string? Error);

    public static IResourceBuilder<ProjectResource> WithRebuildReadModelCommand(this IResourceBuilder<ProjectResource> reporting) =>
        reporting.WithCommand("rebuild-read-model", "重建统计 Rebuild figures", async context =>
        {
            using var http = ClientOf(reporting);
            using var started = await http.PostAsync("/api/reports/read-model/rebuilds", null, context.CancellationToken);
            if (!started.IsSuccessStatusCode)
            {
                return CommandResults.Failure($"reporting answered {(int)started.StatusCode}: {await started.Content.ReadAsStringAsync(context.CancellationToken)}");
            }
            var rebuild = (await started.Content.ReadFromJsonAsync<Rebuild>(context.CancellationToken))!;
            while (rebuild.Status == "Running")
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), context.CancellationToken);
                rebuild = (await http.GetFromJsonAsync<Rebuild>($"/api/reports/read-model/rebuilds/{rebuild.Id}", context.CancellationToken))!;
            }
            return rebuild.Status == "Succeeded"
                ? Succeeded($"Figures rebuilt from {rebuild.Events} published events")
                : CommandResults.Failure($"Rebuild failed: {rebuild.Error}");
        }, new CommandOptions
        {
            Description = "Counts every figure again from the services' published history.",
            IconName = "ArrowSync",
            UpdateState = EnabledWhenRunning,
        });

    /// <summary>Backup, restore and reset on the local PostgreSQL server (local mode).</summary>
    public static IResourceBuilder<LocalPostgresServerResource> WithDatabaseCommands(this IResourceBuilder<LocalPostgresServerResource> server, DataRoot dataRoot)
    {
        var bin = HostTools.PostgresBinDirectory();
        var backups = dataRoot.Folder("backups");
        var connection = new PostgresBackups.Server("127.0.0.1", server.Resource.Port, LocalPostgresServerResource.UserName, server.Resource.PasswordValue);
        IEnumerable<string> Databases() => server.ApplicationBuilder.Resources.OfType<LocalPostgresDatabaseResource>()
            .Where(db => db.Parent == server.Resource).Select(db => db.DatabaseName);

        // Restoring or emptying a database under a running service would mix old and new state.
        string? RunningServices(IServiceProvider services)
        {
            var notifications = services.GetRequiredService<ResourceNotificationService>();
            var running = server.ApplicationBuilder.Resources.OfType<ProjectResource>()
                .Where(project => notifications.TryGetCurrentState(project.Name, out var state)
                    && state.Snapshot.State?.Text is { } text && text != KnownResourceStates.Exited && text != KnownResourceStates.Finished
                    && text != KnownResourceStates.FailedToStart && text != "NotStarted")
                .Select(project => project.Name).ToList();
            return running.Count == 0 ? null : string.Join(", ", running);
        }

        server.WithCommand("backup", "备份数据库 Back up", context =>
        {
            try
            {
                var folder = PostgresBackups.NewFolder(backups);
                PostgresBackups.Backup(bin, connection, Databases(), folder);
                return Task.FromResult(Succeeded($"Backed up {Databases().Count()} databases to {folder}"));
            }
            catch (Exception exception)
            {
                return Task.FromResult(CommandResults.Failure(exception.Message));
            }
        }, new CommandOptions
        {
            Description = "pg_dump of every service's database into a dated folder under the data root's backups/.",
            IconName = "Save",
            UpdateState = EnabledWhenRunning,
        });

        server.WithCommand("restore-latest", "恢复最近备份 Restore latest", async context =>
        {
            if (RunningServices(context.Services) is { } running)
            {
                return CommandResults.Failure($"Stop the services first (still running: {running}); then restore, then start them.");
            }
            if (PostgresBackups.Latest(backups) is not { } folder)
            {
                return CommandResults.Failure($"No backup in {backups}");
            }
            try
            {
                var restored = await PostgresBackups.RestoreAsync(bin, connection, folder, context.CancellationToken);
                return Succeeded($"Restored {string.Join(", ", restored)} from {folder}");
            }
            catch (Exception exception)
            {
                return CommandResults.Failure(exception.Message);
            }
        }, new CommandOptions
        {
            Description = "Replaces every service's database with the newest backup. The services must be stopped.",
            IconName = "History",
            ConfirmationMessage = "Replace every database with the newest backup? What was recorded since that backup is lost.",
            UpdateState = EnabledWhenRunning,
        });

        server.WithCommand("reset-data", "清空数据 Reset data", async context =>
        {
            if (RunningServices(context.Services) is { } running)
            {
                return CommandResults.Failure($"Stop the services first (still running: {running}).");
            }
            foreach (var database in Databases())
            {
                await PostgresBackups.RecreateAsync(connection, database, context.CancellationToken);
            }
            return Succeeded($"Emptied {Databases().Count()} databases; each service creates its tables again when started.");
        }, new CommandOptions
        {
            Description = "Drops and recreates every service's database, empty. The services must be stopped.",
            IconName = "Delete",
            ConfirmationMessage = "Delete every record of every service? Take a backup first if anything should be kept.",
            UpdateState = EnabledWhenRunning,
        });
        return server;
    }
}
