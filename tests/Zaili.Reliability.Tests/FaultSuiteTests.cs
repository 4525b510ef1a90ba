using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Dapper;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Zaili.Contracts;
using Zaili.ServiceDefaults.Data;
using Zaili.SharedKernel;
using Zaili.Testing;

namespace Zaili.Reliability.Tests;

/// <summary>
/// A steady stream of dispute reports through the gateway, each of which must become one mediation case
/// (governance → outbox → RabbitMQ → mediation's inbox) and come back resolved (an agreement through the
/// gateway → mediation's outbox → governance's inbox), while RabbitMQ is SIGKILLed for 20 s, a mediation
/// replica is SIGKILLed, PostgreSQL is SIGKILLed, and a governance replica is stopped (and must drain by
/// itself). Every report the gateway acknowledged with a 2xx must have its whole effect exactly once within
/// 60 s of the last recovery; a poison message published into the same queue must end in <c>_error</c>,
/// visible and countable, without holding anything up.
/// </summary>
public sealed partial class FaultSuiteTests(ReplicatedPlatform platform, ITestOutputHelper output)
{
    private const int Reports = 2_000;
    private const double ReportsPerSecond = 20;
    private static readonly TimeSpan BrokerDownFor = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RecoveryBudget = TimeSpan.FromSeconds(60);
    // Generous bounds for what takes seconds here, so a process that never goes or never comes back fails the suite
    // with its state instead of holding the run.
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromMinutes(2);

    // The suite takes about two minutes: past this, something waits forever, and the test fails with its timeline.
    [Fact(Timeout = 15 * 60 * 1000)]
    public async Task Every_acknowledged_report_is_mediated_and_resolved_exactly_once_through_broker_consumer_and_database_failures()
    {
        var ct = TestContext.Current.CancellationToken;
        var gateway = platform.Gateway;
        await platform.ImportTownNetworkAsync(ct);
        var village = await AddVillageAsync(gateway, ct);
        var poisonId = await PublishPoisonAsync(ct);

        var ledger = new Ledger();
        var timeline = new Timeline(output);
        using var stopResolving = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await using var governanceDb = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Governance)));
        await using var mediationDb = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Mediation)));
        var resolver = ResolveOpenCasesAsync(gateway, village, ledger, stopResolving.Token);
        var progress = timeline.ReportProgressAsync(async () =>
            $"progress: {ledger.Acknowledged.Count} acknowledged, " +
            $"{await mediationDb.QueryOneAsync<long>("SELECT count(*) FROM dispute_cases WHERE node_code = @village", new { village }, ct)} cases, " +
            $"{await governanceDb.QueryOneAsync<long>("SELECT count(*) FROM dispute_reports WHERE village_code = @village AND status = 'Resolved'", new { village }, ct)} resolved", stopResolving.Token);
        var stream = SendReportsAsync(gateway, village, ledger, ct);
        var lastRecovery = await InjectFaultsAsync(timeline, stream, [governanceDb, mediationDb], ct);
        await stream;
        timeline.Mark($"stream finished: {ledger.Sent} sent, {ledger.Acknowledged.Count} acknowledged");

        var acknowledged = ledger.Acknowledged.Keys.ToHashSet();
        var settledAt = await WaitUntilSettledAsync(governanceDb, village, acknowledged, lastRecovery, ct);
        await stopResolving.CancelAsync();
        await resolver;
        await progress;
        timeline.Mark($"every acknowledged report resolved, {(settledAt - lastRecovery).TotalSeconds:0.0} s after the last recovery");

        var reports = (await governanceDb.QueryListAsync<(Guid Id, string Status, Guid? CaseId)>(
            "SELECT id, status, mediation_case_id FROM dispute_reports WHERE village_code = @village", new { village }, ct)).ToDictionary(r => r.Id);
        var cases = await mediationDb.QueryListAsync<(Guid Id, Guid? ReportId, string Status)>(
            "SELECT id, source_report_id, status FROM dispute_cases WHERE node_code = @village", new { village }, ct);
        var casesPerReport = cases.Where(c => c.ReportId is not null).GroupBy(c => c.ReportId!.Value).ToDictionary(g => g.Key, g => g.ToList());

        var lost = acknowledged.Where(id => !reports.TryGetValue(id, out var report) || report.Status != "Resolved"
            || !casesPerReport.TryGetValue(id, out var found) || found.Count != 1 || found[0].Status != "Resolved" || found[0].Id != report.CaseId).ToList();
        var duplicateCases = casesPerReport.Count(c => c.Value.Count > 1);
        var orphanCases = cases.Count(c => c.ReportId is null || !reports.ContainsKey(c.ReportId.Value));
        var appliedWithoutAcknowledgement = reports.Keys.Count(id => !acknowledged.Contains(id));
        var absorbed = await DuplicatesAbsorbedAsync(governanceDb, ct) + await DuplicatesAbsorbedAsync(mediationDb, ct);
        // Events that follow a resolution (for reporting) may still be on their way when the last report is
        // resolved: the relay gets them out within its sweep, or something is stuck.
        var unpublished = await Eventually.GetAsync(async () => await UnpublishedAsync(governanceDb, ct) + await UnpublishedAsync(mediationDb, ct),
            rows => rows == 0, TimeSpan.FromSeconds(20), "every outbox row published");

        output.WriteLine("");
        output.WriteLine("| reports sent | acknowledged (2xx) | refused or failed | applied without a 2xx | became a case | resolved | duplicate cases | duplicates absorbed by inboxes | lost |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        output.WriteLine($"| {ledger.Sent} | {acknowledged.Count} | {ledger.Sent - acknowledged.Count} ({ledger.DescribeFailures()}) | {appliedWithoutAcknowledgement} | " +
            $"{acknowledged.Count(casesPerReport.ContainsKey)} | {acknowledged.Count(id => reports.TryGetValue(id, out var r) && r.Status == "Resolved")} | " +
            $"{duplicateCases} | {absorbed} | {lost.Count} |");
        output.WriteLine($"agreements: {ledger.AgreementsAcknowledged} acknowledged, {ledger.AgreementsRetried} retried after a failure; outbox rows left unpublished: {unpublished}");
        output.WriteLine($"settled {(settledAt - lastRecovery).TotalSeconds:0.0} s after the last recovery (budget {RecoveryBudget.TotalSeconds:0} s)");

        foreach (var id in lost.Take(10))
        {
            output.WriteLine($"lost {id}: report {(reports.TryGetValue(id, out var r) ? r.Status : "missing")}, " +
                $"cases {(casesPerReport.TryGetValue(id, out var c) ? string.Join(",", c.Select(x => x.Status)) : "none")}");
        }
        if (lost.Count > 0)
        {
            await DescribeWhereLostEventsStoppedAsync(lost, governanceDb, mediationDb, ct);
        }
        Assert.Empty(lost);
        Assert.Equal(0, duplicateCases);
        Assert.Equal(0, orphanCases);
        Assert.Equal(0, unpublished);
        Assert.True(acknowledged.Count >= Reports * 0.8, $"Only {acknowledged.Count} of {Reports} reports were acknowledged: the faults should cost a few seconds of refusals, not most of the stream");
        Assert.True(timeline.BusReportedDown, "While RabbitMQ was down, no replica's health named the bus");
        await AssertOnlyThePoisonWaitsInErrorAsync(poisonId, ct);
    }

    private static async Task<string> AddVillageAsync(HttpClient gateway, CancellationToken ct)
    {
        var village = ReplicatedPlatform.TownCode[..9] + Random.Shared.Next(200, 999).ToString("D3");
        (await gateway.PutAsJsonAsync("/api/governance/villages",
            new { villages = new[] { new { code = village, name = "故障演练村", isPilot = true } } }, ct)).EnsureSuccessStatusCode();
        (await gateway.PutAsJsonAsync("/api/mediation/network",
            new { nodes = new[] { new { code = village, name = "故障演练村调委会", level = "Village", parentCode = "PQ-01" } } }, ct)).EnsureSuccessStatusCode();
        return village;
    }

    /// <summary>A report from a town whose mediation network was never loaded: no replica can ever apply it.</summary>
    private async Task<Guid> PublishPoisonAsync(CancellationToken ct)
    {
        var connectionString = await platform.ConnectionStringAsync(ResourceNames.RabbitMq);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(connectionString)));
        await bus.StartAsync(ct);
        try
        {
            var messageId = NewId.NextGuid();
            await bus.Publish(new DisputeReported(Guid.NewGuid(), "370302998201", "370302998000", 2, DisputeCategory.Contract, "无法受理的报告", "fault-suite", DateTimeOffset.UtcNow),
                context => context.MessageId = messageId, ct);
            return messageId;
        }
        finally
        {
            await bus.StopAsync(ct);
        }
    }

    /// <summary>Open loop: report n is sent at n / rate seconds whatever happened to the ones before it.</summary>
    private static async Task SendReportsAsync(HttpClient gateway, string village, Ledger ledger, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var inFlight = new List<Task>(Reports);
        for (var n = 0; n < Reports; n++)
        {
            var due = TimeSpan.FromSeconds(n / ReportsPerSecond);
            if (due > started.Elapsed)
            {
                await Task.Delay(due - started.Elapsed, ct);
            }
            var summary = $"故障演练 #{n}";
            inFlight.Add(Task.Run(async () =>
            {
                Interlocked.Increment(ref ledger.Sent);
                try
                {
                    using var response = await gateway.PostAsJsonAsync("/api/governance/dispute-reports",
                        new { villageCode = village, householdCount = 2, category = "Neighbourhood", summary }, ct);
                    if (response.IsSuccessStatusCode)
                    {
                        var report = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                        ledger.Acknowledged[report.GetProperty("id").GetGuid()] = summary;
                    }
                    else
                    {
                        ledger.Failed(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
                catch (HttpRequestException exception)
                {
                    ledger.Failed(exception.HttpRequestError.ToString());
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    ledger.Failed("timeout");
                }
            }, ct));
        }
        await Task.WhenAll(inFlight);
    }

    /// <summary>A mediator's work: every open case at the village gets an agreement, through the gateway; a refused one is tried again.</summary>
    private static async Task ResolveOpenCasesAsync(HttpClient gateway, string village, Ledger ledger, CancellationToken ct)
    {
        var failedBefore = new HashSet<Guid>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var open = await gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/cases?nodeCode={village}&status=Open&limit=200", ct) ?? [];
                await Parallel.ForEachAsync(open.Select(c => c.GetProperty("id").GetGuid()), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (caseId, token) =>
                {
                    using var response = await gateway.PostAsJsonAsync($"/api/mediation/cases/{caseId}/agreement",
                        new { terms = "双方达成和解", signedOn = ChinaTime.DateOf(DateTimeOffset.UtcNow) }, token);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref ledger.AgreementsAcknowledged);
                    }
                    else
                    {
                        lock (failedBefore)
                        {
                            if (failedBefore.Add(caseId))
                            {
                                Interlocked.Increment(ref ledger.AgreementsRetried);
                            }
                        }
                    }
                });
                if (open.Length == 0)
                {
                    await Task.Delay(250, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
            {
                // The gateway, a replica or the database is down for the moment: the mediator tries again.
                await Task.Delay(500, CancellationToken.None);
            }
        }
    }

    /// <summary>The four failures one after another, each while reports keep coming. Returns when the last one recovered.</summary>
    private async Task<DateTimeOffset> InjectFaultsAsync(Timeline timeline, Task stream, NpgsqlDataSource[] suiteDatabases, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(10), ct);

        var broker = platform.InstancesOf(ResourceNames.RabbitMq).Single();
        var killed = ProcessTree.Kill(platform.ProcessIdOf(broker));
        timeline.Mark($"RabbitMQ SIGKILLed ({killed.Count} processes)");
        var brokerDown = Stopwatch.StartNew();
        await platform.WaitUntilExitedAsync(broker, ExitWithin, ct);
        await timeline.ObserveBusHealthAsync(platform.App.CreateHttpClient(ResourceNames.Mediation), BrokerDownFor - TimeSpan.FromSeconds(2), ct);
        if (brokerDown.Elapsed < BrokerDownFor)
        {
            await Task.Delay(BrokerDownFor - brokerDown.Elapsed, ct);
        }
        await platform.ExecuteCommandAsync(broker, KnownResourceCommands.StartCommand);
        timeline.Mark("RabbitMQ starting");
        await platform.WaitUntilHealthyAsync(broker, HealthyWithin, ct);
        timeline.Mark($"RabbitMQ back after {brokerDown.Elapsed.TotalSeconds:0.0} s");

        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var consumer = platform.InstancesOf(ResourceNames.Mediation)[0];
        await KillAndRestartAsync(consumer, $"mediation replica {consumer}", timeline, ct);

        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        Assert.False(stream.IsCompleted, "The stream ended before PostgreSQL was killed: every fault must hit live traffic");
        await KillAndRestartAsync(platform.InstancesOf(ResourceNames.Postgres).Single(), "PostgreSQL (it recovers from its write-ahead log)", timeline, ct);
        // The suite's own pooled connections died with the server (else each would fail one probe before the pool
        // drops it); the services find out for themselves.
        foreach (var database in suiteDatabases)
        {
            database.Clear();
        }

        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        Assert.False(stream.IsCompleted, "The stream ended before governance was stopped: every fault must hit live traffic");
        var receiver = platform.InstancesOf(ResourceNames.Governance)[0];
        await StopAndRestartAsync(receiver, $"governance replica {receiver}", timeline, ct);
        return DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// The orchestrator's Stop, as an operator or an upgrade stops a replica: a signal, then a kill if the process
    /// has not exited within the orchestrator's patience. The replica that takes the reports must finish what it
    /// holds (requests in flight, consumes, the relay's pass) and exit by itself, with nothing lost.
    /// </summary>
    private async Task StopAndRestartAsync(string instance, string what, Timeline timeline, CancellationToken ct)
    {
        var stopping = Stopwatch.StartNew();
        await platform.ExecuteCommandAsync(instance, KnownResourceCommands.StopCommand);
        await platform.WaitUntilExitedAsync(instance, ExitWithin, ct);
        var exitCode = platform.ExitCodeOf(instance);
        timeline.Mark($"{what} stopped: exited with {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no code"} after {stopping.Elapsed.TotalSeconds:0.0} s");
        Assert.True(exitCode == 0, $"{what} did not stop by itself: exit code {exitCode}");
        await StartAgainAsync(instance, what, timeline, ct);
    }

    /// <summary>SIGKILL to the instance's whole process tree, then started again.</summary>
    private async Task KillAndRestartAsync(string instance, string what, Timeline timeline, CancellationToken ct)
    {
        var killed = ProcessTree.Kill(platform.ProcessIdOf(instance));
        timeline.Mark($"{what} SIGKILLed ({killed.Count} processes)");
        await platform.WaitUntilExitedAsync(instance, ExitWithin, ct);
        await StartAgainAsync(instance, what, timeline, ct);
    }

    /// <summary>Three seconds down, then started again and healthy.</summary>
    private async Task StartAgainAsync(string instance, string what, Timeline timeline, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await platform.ExecuteCommandAsync(instance, KnownResourceCommands.StartCommand);
        await platform.WaitUntilHealthyAsync(instance, HealthyWithin, ct);
        timeline.Mark($"{what} healthy again");
    }

    private static async Task<DateTimeOffset> WaitUntilSettledAsync(NpgsqlDataSource governanceDb, string village, HashSet<Guid> acknowledged, DateTimeOffset lastRecovery, CancellationToken ct)
    {
        var deadline = lastRecovery + RecoveryBudget;
        while (true)
        {
            HashSet<Guid> resolved;
            try
            {
                resolved = (await governanceDb.QueryListAsync<Guid>(
                    "SELECT id FROM dispute_reports WHERE village_code = @village AND status = 'Resolved'", new { village }, ct)).ToHashSet();
            }
            catch (NpgsqlException)
            {
                // A pooled connection from before PostgreSQL was killed: the pool drops it and the next try gets a new one.
                resolved = [];
            }
            if (acknowledged.IsSubsetOf(resolved))
            {
                return DateTimeOffset.UtcNow;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                // Let the assertions below say which ones.
                return DateTimeOffset.UtcNow;
            }
            await Task.Delay(500, ct);
        }
    }

    private static async Task<long> DuplicatesAbsorbedAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>("SELECT COALESCE(sum(duplicates), 0) FROM inbox_messages");
    }

    /// <summary>
    /// For a failed run: how far the lost reports' events got (written to governance's outbox, published,
    /// taken in by mediation's inbox), what mediation's queues hold, and what the services warned about.
    /// </summary>
    private async Task DescribeWhereLostEventsStoppedAsync(IReadOnlyList<Guid> lost, NpgsqlDataSource governanceDb, NpgsqlDataSource mediationDb, CancellationToken ct)
    {
        var events = await governanceDb.QueryListAsync<(Guid MessageId, DateTime CreatedAt, DateTime? PublishedAt)>(
            "SELECT id, created_at, published_at FROM outbox_messages WHERE message_type = @Type AND (body->>'reportId')::uuid = ANY(@Lost)",
            new { Type = typeof(DisputeReported).FullName, Lost = lost.ToArray() }, ct);
        var taken = await mediationDb.QueryListAsync<(Guid MessageId, DateTime ReceivedAt)>(
            "SELECT message_id, received_at FROM inbox_messages WHERE message_id = ANY(@Ids)", new { Ids = events.Select(e => e.MessageId).ToArray() }, ct);
        var published = events.Where(e => e.PublishedAt is not null).Select(e => e.PublishedAt!.Value).ToList();
        output.WriteLine($"lost: {lost.Count} reports; outbox rows {events.Count} written {Span(events.Select(e => e.CreatedAt))}, " +
            $"{published.Count} published {Span(published)}; taken in by mediation's inbox: {taken.Count} {Span(taken.Select(t => t.ReceivedAt))}");

        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(await platform.ConnectionStringAsync(ResourceNames.RabbitMq)) };
        await using var broker = await factory.CreateConnectionAsync(ct);
        const string queue = "mediation-dispute-reported";
        foreach (var name in new[] { queue, queue + "_delay_3s", queue + "_error", queue + "_skipped" })
        {
            await using var channel = await broker.CreateChannelAsync(cancellationToken: ct);
            try
            {
                var declared = await channel.QueueDeclarePassiveAsync(name, ct);
                output.WriteLine($"{name}: {declared.MessageCount} ready, {declared.ConsumerCount} consumers");
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                output.WriteLine($"{name}: none");
            }
        }

        var logs = platform.App.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var instance in platform.InstancesOf(ResourceNames.Mediation).Concat(platform.InstancesOf(ResourceNames.Governance)))
        {
            var lines = new List<string>();
            await foreach (var batch in logs.GetAllAsync(instance).WithCancellation(ct))
            {
                // The services' console logs are coloured (DCP allows ANSI colours when redirected): "warn" reaches the log with escapes around it.
                lines.AddRange(batch.Select(line => AnsiEscapes().Replace(line.Content, "")));
            }
            var warnings = lines.Select((line, n) => (line, n)).Where(l => l.line.Contains("warn:", StringComparison.Ordinal) || l.line.Contains("fail:", StringComparison.Ordinal))
                .Select(l => l.line + " " + (l.n + 1 < lines.Count ? lines[l.n + 1].Trim() : "")).ToList();
            output.WriteLine($"{instance}: {lines.Count} log lines, {warnings.Count} warnings or errors; the last ones:");
            foreach (var warning in warnings.TakeLast(25))
            {
                output.WriteLine("  " + warning);
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial System.Text.RegularExpressions.Regex AnsiEscapes();

    private static string Span(IEnumerable<DateTime> times)
    {
        var all = times.ToList();
        return all.Count == 0 ? "" : $"({all.Min():HH:mm:ss.fff} to {all.Max():HH:mm:ss.fff} UTC)";
    }

    private static async Task<long> UnpublishedAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL");
    }

    /// <summary>The poison waits in mediation's error queue, listed and counted; no other message of any service is there.</summary>
    private async Task AssertOnlyThePoisonWaitsInErrorAsync(Guid poisonId, CancellationToken ct)
    {
        const string poisonQueue = "mediation-dispute-reported_error";
        foreach (var (service, _) in ResourceNames.Services)
        {
            using var client = platform.App.CreateHttpClient(service);
            var queues = await client.GetFromJsonAsync<JsonElement[]>("/ops/error-queues", ct) ?? [];
            foreach (var queue in queues.Where(q => q.GetProperty("queue").GetString() != poisonQueue))
            {
                Assert.Equal(0, queue.GetProperty("messages").GetInt64());
            }
        }

        using var mediation = platform.App.CreateHttpClient(ResourceNames.Mediation);
        // Delivery is at least once: when the broker dies between a message's move and its ack, the poison can
        // reach _error twice. Every copy there must be the poison, and nothing else.
        var copies = await mediation.GetFromJsonAsync<JsonElement[]>("/ops/error-queues/messages", ct) ?? [];
        Assert.NotEmpty(copies);
        Assert.All(copies, copy => Assert.Equal(poisonId.ToString(), copy.GetProperty("messageId").GetString()));
        var waiting = copies[0];
        Assert.Equal("urn:message:Zaili.Contracts:DisputeReported", waiting.GetProperty("messageType").GetString());
        Assert.Equal(2, waiting.GetProperty("redeliveries").GetInt32());
        output.WriteLine($"poison message {poisonId} waits in {poisonQueue} after {waiting.GetProperty("retries").GetInt32()} retries on each of " +
            $"{1 + waiting.GetProperty("redeliveries").GetInt32()} deliveries: {waiting.GetProperty("reason").GetString()}");

        using var sample = await mediation.PostAsync("/ops/metrics/sample", null, ct);
        var gauges = await sample.Content.ReadFromJsonAsync<JsonElement>(ct);
        var errorGauge = gauges.GetProperty("zaili.messaging.error_queue.messages").EnumerateArray()
            .Single(m => m.GetProperty("attributes").GetProperty("messaging.destination.name").GetString() == poisonQueue);
        Assert.Equal(copies.Length, errorGauge.GetProperty("value").GetDouble());
    }

    private sealed class Ledger
    {
        public int Sent;
        public int AgreementsAcknowledged;
        public int AgreementsRetried;
        public readonly ConcurrentDictionary<Guid, string> Acknowledged = new();
        private readonly ConcurrentDictionary<string, int> _failures = new();

        public void Failed(string reason) => _failures.AddOrUpdate(reason, 1, (_, n) => n + 1);

        public string DescribeFailures() => _failures.IsEmpty ? "none" : string.Join(", ", _failures.OrderBy(f => f.Key).Select(f => $"{f.Key}: {f.Value}"));
    }

    private sealed class Timeline
    {
        private readonly ITestOutputHelper _output;
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public Timeline(ITestOutputHelper output)
        {
            _output = output;
            output.WriteLine($"0.0 s is {DateTime.UtcNow:HH:mm:ss.fff} UTC");
        }

        public bool BusReportedDown { get; private set; }

        private string? LastHealth { get; set; }

        public async Task ReportProgressAsync(Func<Task<string>> describe, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), ct);
                    Mark(await describe());
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (NpgsqlException)
                {
                    Mark("progress: the database is down");
                }
            }
        }

        public void Mark(string what) => _output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

        /// <summary>Health, asked through DCP's proxy (any replica), should name the bus while the broker is away.</summary>
        public async Task ObserveBusHealthAsync(HttpClient service, TimeSpan within, CancellationToken ct)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < within && !BusReportedDown)
            {
                try
                {
                    using var response = await service.GetAsync("/health", ct);
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                    var bus = body.GetProperty("checks").EnumerateObject().FirstOrDefault(c => c.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
                    LastHealth = $"{(int)response.StatusCode} {body}";
                    BusReportedDown = bus.Value.ValueKind == JsonValueKind.Object && bus.Value.GetProperty("status").GetString() != "Healthy";
                }
                catch (Exception exception) when (exception is HttpRequestException or JsonException)
                {
                }
                await Task.Delay(500, ct);
            }
            Mark(BusReportedDown ? "health names the bus as down: " + LastHealth : "health did not name the bus: " + LastHealth);
            service.Dispose();
        }
    }
}
