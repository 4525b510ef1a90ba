using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Zaili.Contracts;
using Zaili.Reporting.District;
using Zaili.Reporting.Domain;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Reporting.Data;

/// <summary>
/// Rebuilds the figures from scratch by replaying every service's published history through the same
/// projection the live consumer uses. The history is read first; then, in one transaction that keeps
/// the live consumer waiting, the figures are emptied, the history applied, and whatever the services
/// committed meanwhile read and applied too. Events missing from the district feed are appended.
/// </summary>
public sealed class ReadModelRebuilder(
    NpgsqlDataSource db, IHttpClientFactory httpClients, FeedSequencer feed, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<ReadModelRebuilder> logger)
{
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Rows of another transaction can commit with a lower sequence than one already read; re-reading this far back catches them.</summary>
    private const long CatchUpOverlap = 1000;

    public sealed class RebuildView
    {
        public Guid Id { get; init; }
        public string RequestedBy { get; init; } = "";
        public DateTimeOffset StartedAt { get; init; }
        public DateTimeOffset? FinishedAt { get; init; }
        public string Status { get; init; } = "";
        public int Events { get; init; }
        public string? Error { get; init; }
    }

    public async Task<RebuildView> StartAsync(string requestedBy, CancellationToken cancellationToken)
    {
        if (!await _running.WaitAsync(0, cancellationToken))
        {
            throw new InvalidTransitionException("读模型", "Rebuilding", "Rebuild", []);
        }
        var view = new RebuildView { Id = Guid.CreateVersion7(), RequestedBy = requestedBy, StartedAt = time.GetUtcNow(), Status = "Running" };
        try
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO rebuilds (id, requested_by, started_at, status) VALUES (@Id, @RequestedBy, @StartedAt, @Status)", view, cancellationToken: cancellationToken));
        }
        catch
        {
            _running.Release();
            throw;
        }
        _ = Task.Run(() => RunAsync(view.Id, lifetime.ApplicationStopping), CancellationToken.None);
        return view;
    }

    private async Task RunAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var applied = await RebuildAsync(cancellationToken);
            await FinishAsync(id, "Succeeded", applied, null);
            logger.LogInformation("Read model rebuilt from {Events} published events", applied);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Read model rebuild {RebuildId} failed", id);
            await FinishAsync(id, "Failed", 0, exception.Message);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task FinishAsync(Guid id, string status, int events, string? error)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("UPDATE rebuilds SET status = @status, events = @events, error = @error, finished_at = @now WHERE id = @id",
            new { id, status, events, error, now = time.GetUtcNow() });
    }

    private async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        var history = new Dictionary<string, List<PublishedHistory.HistoryEvent>>();
        foreach (var service in EventCatalog.Publishers)
        {
            history[service] = await ReadHistoryAsync(service, 0, cancellationToken);
        }

        var events = history.Values.SelectMany(e => e).Select(Decode).OfType<(Guid MessageId, IIntegrationEvent Event)>()
            .DistinctBy(e => e.MessageId).ToList();

        // The live consumer waits only for this transaction: bulk copies, then the few stragglers one by one.
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("TRUNCATE contributions, projected_events", transaction: transaction, cancellationToken: cancellationToken));
        await ReadModel.BulkProjectAsync(connection, events, cancellationToken);
        foreach (var village in events.Select(e => e.Event).OfType<VillageRegistered>())
        {
            await connection.UpsertVillageAsync(village, transaction, cancellationToken);
        }
        var seen = events.Select(e => e.MessageId).ToHashSet();
        var inFeed = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT message_id FROM event_log WHERE message_id = ANY(@ids)", new { ids = seen.ToArray() }, transaction, cancellationToken: cancellationToken))).ToHashSet();
        var stragglers = events.Where(e => !inFeed.Contains(e.MessageId)).ToList();
        foreach (var service in history.Keys)
        {
            var last = history[service].Count == 0 ? 0 : history[service][^1].Sequence;
            var latest = await ReadHistoryAsync(service, Math.Max(0, last - CatchUpOverlap), cancellationToken);
            stragglers.AddRange(latest.Select(Decode).OfType<(Guid MessageId, IIntegrationEvent Event)>().Where(e => seen.Add(e.MessageId)));
        }
        foreach (var (messageId, integrationEvent) in stragglers)
        {
            await ReadModel.ApplyAsync(connection, transaction, messageId, integrationEvent, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        feed.Wake();
        return seen.Count;
    }

    private static (Guid MessageId, IIntegrationEvent Event)? Decode(PublishedHistory.HistoryEvent item) =>
        EventCatalog.Types.TryGetValue(item.MessageType, out var type)
            ? (item.MessageId, (IIntegrationEvent)item.Body.Deserialize(type, Outbox.SerializerOptions)!)
            : null;

    private async Task<List<PublishedHistory.HistoryEvent>> ReadHistoryAsync(string service, long after, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HistoryClientName);
        var events = new List<PublishedHistory.HistoryEvent>();
        while (true)
        {
            PublishedHistory.HistoryPage page;
            if (service == Zaili.ResourceNames.Reporting)
            {
                await using var connection = await db.OpenConnectionAsync(cancellationToken);
                page = await connection.ReadPublishedHistoryAsync(after, PublishedHistory.MaxPageSize, cancellationToken);
            }
            else
            {
                page = await client.GetFromJsonAsync<PublishedHistory.HistoryPage>(
                    $"http://{service}{Zaili.ResourceNames.RoutePrefixOf(service)}/published-events?after={after}&limit={PublishedHistory.MaxPageSize}",
                    ReadModel.JsonOptions, cancellationToken) ?? throw new InvalidOperationException($"{service} returned no history page");
            }
            events.AddRange(page.Events);
            if (page.Events.Count < PublishedHistory.MaxPageSize)
            {
                return events;
            }
            after = page.Next;
        }
    }

    public const string HistoryClientName = "history";
}
