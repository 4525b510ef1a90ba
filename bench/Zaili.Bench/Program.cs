using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using MassTransit;
using Npgsql;
using Zaili.Bench;
using Zaili.Contracts;

// Measures the running platform (started by bench/run.sh) and prints a table. Comparisons run side by
// side, A B A B …, and report the median of the runs and their ratio.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Contains("--publish-probe"))
{
    // How fast MassTransit publishes with publisher confirms here: one at a time, and 100 at a time.
    var probeRabbit = PlatformProcess.All().First(p => p.Role == "mediation").Environment()["ConnectionStrings__rabbitmq"];
    var probeBus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(probeRabbit), h => h.PublisherConfirmation = true));
    await probeBus.StartAsync();
    AppealCollected Fact() => new(Guid.NewGuid(), "370302198201", "370302198000", DateTimeOffset.UtcNow);
    await probeBus.Publish(Fact());
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < 500; i++)
    {
        await probeBus.Publish(Fact());
    }
    Console.WriteLine($"sequential: {500 / watch.Elapsed.TotalSeconds:0}/s ({watch.Elapsed.TotalMilliseconds / 500:0.0} ms each)");
    watch.Restart();
    for (var batch = 0; batch < 20; batch++)
    {
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => probeBus.Publish(Fact())));
    }
    Console.WriteLine($"100 at a time: {2000 / watch.Elapsed.TotalSeconds:0}/s");
    await probeBus.StopAsync();
    return 0;
}
// The first argument is the start time bench/run.sh measured, for the table; the rest are options.
var startSeconds = double.NaN;
if (args.Contains("--help") || (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal)
    && !double.TryParse(args[0], NumberStyles.Float, CultureInfo.InvariantCulture, out startSeconds)))
{
    Console.Error.WriteLine("""
        usage: Zaili.Bench [START_SECONDS] [--quick] [--sections=1,2,…] [--load=RATE,SECONDS] | --publish-probe
        Measures a running platform; bench/run.sh starts one in Release and passes its start time first.
        """);
    return 2;
}
var quick = args.Contains("--quick");
// `--sections=2,3` measures only those sections (a quicker loop while working on one of them).
var sections = args.FirstOrDefault(a => a.StartsWith("--sections=", StringComparison.Ordinal))?["--sections=".Length..].Split(',').Select(int.Parse).ToHashSet();
bool Runs(int section) => sections is null || sections.Contains(section);
var profilingLoad = args.FirstOrDefault(a => a.StartsWith("--load=", StringComparison.Ordinal));
var report = new StringBuilder();
void Line(string text)
{
    Console.WriteLine(text);
    report.AppendLine(text);
}

const string Town = "370302199000";
const string PublicGateway = "http://localhost:5080";

var processes = PlatformProcess.All();
PlatformProcess Process(string role) => processes.First(p => p.Role == role);
string DirectUrl(string role)
{
    var environment = Process(role).Environment();
    var urls = environment.GetValueOrDefault("ASPNETCORE_URLS") ?? $"http://localhost:{environment["HTTP_PORTS"]}";
    return urls.Split(';')[0].Replace("+", "localhost").Replace("*", "localhost").TrimEnd('/');
}
var governanceDirect = DirectUrl("governance");
var gatewayDirect = DirectUrl("gateway");
var mediationDb = Process("mediation").Environment()["ConnectionStrings__mediation-db"];
var governanceDb = Process("governance").Environment()["ConnectionStrings__governance-db"];
var reportingDb = Process("reporting").Environment()["ConnectionStrings__reporting-db"];
var rabbit = Process("mediation").Environment()["ConnectionStrings__rabbitmq"];

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { Timeout = TimeSpan.FromSeconds(30) };
// The bench acts as the first administrator, signed in the way the console signs in (code + PKCE).
var administratorPassword = Process("identity").Environment()["Identity__AdminPassword"];
var session = await Zaili.Testing.StaffSignIn.SignInAsync(new Uri(PublicGateway + "/"), "admin", administratorPassword, CancellationToken.None);
http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.AccessToken);

// Seed: the bench town's villages and network.
(await http.PutAsJsonAsync($"{PublicGateway}/api/governance/villages", new
{
    villages = Enumerable.Range(1, 20).Select(i => new { code = Town[..9] + (200 + i).ToString("D3"), name = $"压测村{i}", isPilot = true }),
})).EnsureSuccessStatusCode();
(await http.PutAsJsonAsync($"{PublicGateway}/api/mediation/network", new
{
    nodes = new object[] { new { code = Town, name = "压测镇调解中心", level = "Town" } },
})).EnsureSuccessStatusCode();
await Task.Delay(2000);

Line($"# Zaili.Platform bench — {DateTime.Now:yyyy-MM-dd HH:mm} — {Environment.ProcessorCount} cores, Release");
Line("");

// 1. Gateway overhead on a PostgreSQL-backed read.
var readPath = $"/api/governance/villages?townCode={Town}";
var rounds = quick ? 1 : 3;
var wrkSeconds = quick ? 5 : 8;
(double Rps, double P50, double P99) Wrk(string url)
{
    var start = new ProcessStartInfo("wrk", ["-t2", "-c32", $"-d{wrkSeconds}s", "--latency", "-H", "Authorization: Bearer " + session.AccessToken, url]) { RedirectStandardOutput = true };
    using var wrk = System.Diagnostics.Process.Start(start)!;
    var output = wrk.StandardOutput.ReadToEnd();
    wrk.WaitForExit();
    double Value(string label)
    {
        var line = output.Split('\n').First(l => l.TrimStart().StartsWith(label, StringComparison.Ordinal));
        var token = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return token.EndsWith("us") ? double.Parse(token[..^2]) / 1000 : token.EndsWith("ms") ? double.Parse(token[..^2]) : token.EndsWith("s") ? double.Parse(token[..^1]) * 1000 : double.Parse(token);
    }
    var rps = double.Parse(output.Split('\n').First(l => l.StartsWith("Requests/sec:")).Split(':')[1].Trim());
    return (rps, Value("50%"), Value("99%"));
}
double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

if (Runs(1) && profilingLoad is null)
{
var direct = new List<(double Rps, double P50, double P99)>();
var viaGateway = new List<(double Rps, double P50, double P99)>();
var cpu = CpuSplit.Start();
for (var round = 0; round < rounds; round++)
{
    direct.Add(Wrk(governanceDirect + readPath));
    viaGateway.Add(Wrk(gatewayDirect + readPath));
}
var saturationCpu = cpu.Stop();
Line("## 1. Gateway overhead — GET /api/governance/villages (PostgreSQL), wrk -t2 -c32, median of " + rounds);
Line("");
Line("| path | requests/s | p50 ms | p99 ms |");
Line("|---|---:|---:|---:|");
Line($"| direct to governance | {Median(direct.Select(d => d.Rps)):0} | {Median(direct.Select(d => d.P50)):0.00} | {Median(direct.Select(d => d.P99)):0.00} |");
Line($"| through the gateway | {Median(viaGateway.Select(d => d.Rps)):0} | {Median(viaGateway.Select(d => d.P50)):0.00} | {Median(viaGateway.Select(d => d.P99)):0.00} |");
Line($"| ratio gateway/direct | {Median(viaGateway.Select(d => d.Rps)) / Median(direct.Select(d => d.Rps)):0.00}× | | |");
Line("");
Line("CPU at saturation (share of one core): " + CpuSplit.Format(saturationCpu));
Line("");

var fixedRate = Math.Round(0.6 * Median(viaGateway.Select(d => d.Rps)));
async Task<bool> Get(string url) => (await http.GetAsync(url)).IsSuccessStatusCode;
var directOpen = new List<LoadGenerator.Result>();
var gatewayOpen = new List<LoadGenerator.Result>();
cpu = CpuSplit.Start();
for (var round = 0; round < rounds; round++)
{
    directOpen.Add(await LoadGenerator.RunAsync(fixedRate, TimeSpan.FromSeconds(wrkSeconds), _ => Get(governanceDirect + readPath)));
    gatewayOpen.Add(await LoadGenerator.RunAsync(fixedRate, TimeSpan.FromSeconds(wrkSeconds), _ => Get(gatewayDirect + readPath)));
}
var fixedCpu = cpu.Stop();
Line($"At a fixed {fixedRate:0} requests/s (60 % of the gateway's saturation), open loop:");
Line("");
Line("| path | p50 ms | p99 ms |");
Line("|---|---:|---:|");
Line($"| direct | {Median(directOpen.Select(r => r.P50Ms)):0.00} | {Median(directOpen.Select(r => r.P99Ms)):0.00} |");
Line($"| gateway | {Median(gatewayOpen.Select(r => r.P50Ms)):0.00} | {Median(gatewayOpen.Select(r => r.P99Ms)):0.00} |");
Line($"| gateway − direct | {Median(gatewayOpen.Select(r => r.P50Ms)) - Median(directOpen.Select(r => r.P50Ms)):+0.00;-0.00} | |");
Line("");
Line("CPU at 60 %: " + CpuSplit.Format(fixedCpu));
Line("");

}

// Until the platform is idle again (under half a core for a second, at most a minute): the consumers the
// bench does not wait for (governance, reporting) finish their share, so one rate's backlog is not the next one's load.
async Task SettleAsync()
{
    var waited = Stopwatch.StartNew();
    while (waited.Elapsed < TimeSpan.FromMinutes(1))
    {
        var cpu = CpuSplit.Start();
        await Task.Delay(TimeSpan.FromSeconds(1));
        if (cpu.Stop().Values.Sum() < 0.5)
        {
            return;
        }
    }
}

// Each commit that wrote waits for a WAL flush; concurrent commits share one (group commit). Counted cluster-wide.
async Task<long> WalFlushesAsync()
{
    await using var db = NpgsqlDataSource.Create(mediationDb);
    await using var connection = await db.OpenConnectionAsync();
    return await connection.ExecuteScalarAsync<long>("SELECT wal_sync FROM pg_stat_wal");
}

// What PostgreSQL spent its time on, from pg_stat_statements (loaded by the AppHost's cluster): reset before a
// measured run, read after it. Execution time only; parse, network and commit waits are not in it.
async Task ResetStatementsAsync()
{
    await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(mediationDb) { Database = "postgres" }.ConnectionString);
    await using var connection = await db.OpenConnectionAsync();
    await connection.ExecuteAsync("SELECT pg_stat_statements_reset()");
}
async Task<IReadOnlyList<string>> TopStatementsAsync(int count)
{
    await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(mediationDb) { Database = "postgres" }.ConnectionString);
    await using var connection = await db.OpenConnectionAsync();
    var rows = await connection.QueryAsync<(string Database, long Calls, double TotalMs, double MeanMs, long Rows, string Query)>(
        """
        SELECT d.datname, s.calls, s.total_exec_time, s.mean_exec_time, s.rows, s.query
        FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        ORDER BY s.total_exec_time DESC LIMIT @count
        """, new { count });
    static string OneLine(string query)
    {
        var collapsed = System.Text.RegularExpressions.Regex.Replace(query, @"\s+", " ");
        return collapsed.Length <= 140 ? collapsed : collapsed[..140] + "…";
    }
    return rows.Select(r => $"  - {r.Database}: {r.TotalMs:0} ms in {r.Calls} calls ({r.MeanMs:0.00} ms each, {r.Rows} rows): `{OneLine(r.Query)}`").ToList();
}

// 2 and 3. Events: a POST that publishes (a dispute report) until its committed effect (the mediation case).
async Task<(LoadGenerator.Result Load, double[] Latencies, double DrainSeconds, string Stages)> EventsAsync(double rate, TimeSpan duration)
{
    var acknowledged = new ConcurrentDictionary<Guid, DateTimeOffset>();
    var runStarted = DateTimeOffset.UtcNow;
    var load = await LoadGenerator.RunAsync(rate, duration, async i =>
    {
        using var response = await http.PostAsJsonAsync($"{gatewayDirect}/api/governance/dispute-reports",
            new { villageCode = Town[..9] + (201 + i % 20).ToString("D3"), householdCount = 2, category = "Neighbourhood", summary = "压测纠纷" });
        var at = DateTimeOffset.UtcNow;
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        acknowledged[id] = at;
        return true;
    });
    var ended = Stopwatch.StartNew();
    var ids = acknowledged.Keys.ToArray();
    await using var db = NpgsqlDataSource.Create(mediationDb);
    // Waiting costs the platform little: an indexed count of the cases opened since this run started. That count
    // can include late cases of the run before, so once it is reached this run's own cases are counted by id.
    while (ended.Elapsed < TimeSpan.FromSeconds(120))
    {
        await using var connection = await db.OpenConnectionAsync();
        var arrived = await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM dispute_cases WHERE town_code = @Town AND opened_at >= @since", new { Town, since = runStarted.UtcDateTime });
        if (arrived >= ids.Length && await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM dispute_cases WHERE source_report_id = ANY(@ids)", new { ids }) >= ids.Length)
        {
            break;
        }
        await Task.Delay(100);
    }
    var drain = ended.Elapsed.TotalSeconds;
    Dictionary<Guid, DateTimeOffset> opened;
    await using (var connection = await db.OpenConnectionAsync())
    {
        var rows = await connection.QueryAsync<(Guid Id, DateTime OpenedAt)>(
            "SELECT source_report_id, opened_at FROM dispute_cases WHERE source_report_id = ANY(@ids)", new { ids });
        opened = rows.ToDictionary(r => r.Id, r => new DateTimeOffset(DateTime.SpecifyKind(r.OpenedAt, DateTimeKind.Utc)));
    }
    var latencies = opened.Select(o => Math.Max(0, (o.Value - acknowledged[o.Key]).TotalMilliseconds)).Order().ToArray();
    if (opened.Count < ids.Length)
    {
        Line($"  ! {ids.Length - opened.Count} acknowledged reports had no case after 120 s");
    }
    return (load, latencies, drain, await StagesAsync(ids, opened));
}

// Where an event's time goes, from each stage's own timestamps (one clock: the machine's): the outbox row's
// commit-side insert, the relay's confirmed publish, the consumer's transaction start (inbox), the case.
async Task<string> StagesAsync(Guid[] reportIds, Dictionary<Guid, DateTimeOffset> opened)
{
    await using var governance = NpgsqlDataSource.Create(governanceDb);
    await using var mediation = NpgsqlDataSource.Create(mediationDb);
    var outbox = (await (await governance.OpenConnectionAsync()).QueryAsync<(Guid ReportId, Guid MessageId, DateTime CreatedAt, DateTime? PublishedAt)>(
        "SELECT (body->>'reportId')::uuid, id, created_at, published_at FROM outbox_messages WHERE message_type LIKE '%.DisputeReported' AND (body->>'reportId')::uuid = ANY(@reportIds)",
        new { reportIds })).ToList();
    var inbox = (await (await mediation.OpenConnectionAsync()).QueryAsync<(Guid MessageId, DateTime ReceivedAt)>(
        "SELECT message_id, received_at FROM inbox_messages WHERE consumer = 'DisputeReportedConsumer' AND message_id = ANY(@ids)",
        new { ids = outbox.Select(o => o.MessageId).ToArray() })).ToDictionary(r => r.MessageId, r => r.ReceivedAt);
    var relay = new List<double>();
    var broker = new List<double>();
    var consumer = new List<double>();
    foreach (var row in outbox)
    {
        if (row.PublishedAt is not { } published || !inbox.TryGetValue(row.MessageId, out var received) || !opened.TryGetValue(row.ReportId, out var caseOpened))
        {
            continue;
        }
        relay.Add((published - row.CreatedAt).TotalMilliseconds);
        broker.Add((received - published).TotalMilliseconds);
        consumer.Add((caseOpened.UtcDateTime - received).TotalMilliseconds);
    }
    string P(List<double> values) => values.Count == 0 ? "—" :
        $"{LoadGenerator.Percentile([.. values.Order()], 0.5):0}/{LoadGenerator.Percentile([.. values.Order()], 0.99):0}";
    return $"outbox→published {P(relay)}, published→consumer start {P(broker)}, consumer start→case {P(consumer)} (p50/p99 ms)";
}

// `--load=RATE,SECONDS`: only that load of dispute reports, for profiling the platform under it.
if (profilingLoad is { } loadArgument)
{
    var parts = loadArgument["--load=".Length..].Split(',');
    var (load, latencies, drain, stageSplit) = await EventsAsync(double.Parse(parts[0]), TimeSpan.FromSeconds(double.Parse(parts[1])));
    Console.WriteLine($"{load.Succeeded}/{load.Sent} at {load.AchievedRate:0}/s; POST p50/p99 {load.P50Ms:0}/{load.P99Ms:0} ms; " +
                      $"event p50/p99 {LoadGenerator.Percentile(latencies, 0.5):0}/{LoadGenerator.Percentile(latencies, 0.99):0} ms; drained {drain:0.0} s; {stageSplit}");
    return 0;
}

if (Runs(2))
{
Line("## 2. Event latency — POST dispute report (2xx) → case committed in mediation (outbox → RabbitMQ → inbox)");
Line("");
Line("Latency counts from the moment the client had its 2xx; an effect committed before that counts as 0. The POST's own latency (open loop, from when it was due) is beside it.");
Line("");
// Warm-up, not measured: the first events after a start pay for JIT compilation (and its tiering up of the hot
// code, which takes tens of seconds of load on two cores), pools and topology in every hop. Then a pause, so the
// consumers that are not waited for (governance, reporting) finish their share.
await EventsAsync(100, TimeSpan.FromSeconds(10));
await EventsAsync(300, TimeSpan.FromSeconds(20));
await SettleAsync();
Line("| rate /s | acknowledged | p50 ms | p99 ms | max ms | POST p50/p99 ms | CPU |");
Line("|---:|---:|---:|---:|---:|---:|---|");
var stages = new List<string>();
IReadOnlyList<string> statementsAt500 = [];
foreach (var rate in new[] { 100, 500, 1000 })
{
    var cpu = CpuSplit.Start();
    var walBefore = await WalFlushesAsync();
    await ResetStatementsAsync();
    var (load, latencies, _, stageSplit) = await EventsAsync(rate, TimeSpan.FromSeconds(quick ? 5 : 15));
    var walFlushes = await WalFlushesAsync() - walBefore;
    if (rate == 500)
    {
        statementsAt500 = await TopStatementsAsync(12);
    }
    Line($"| {rate} | {load.Succeeded}/{load.Sent} | {LoadGenerator.Percentile(latencies, 0.5):0} | {LoadGenerator.Percentile(latencies, 0.99):0} | {latencies.LastOrDefault():0} | {load.P50Ms:0}/{load.P99Ms:0} | {CpuSplit.Format(cpu.Stop())} |");
    await SettleAsync();
    stages.Add($"- {rate}/s: {stageSplit}; WAL flushes (fsync) per report, in every database: {(double)walFlushes / Math.Max(1, load.Succeeded):0.00}");
}
Line("");
Line("Where the time goes:");
stages.ForEach(Line);
Line("");
Line("PostgreSQL's execution time at 500/s, by statement (pg_stat_statements, the whole run including its drain):");
foreach (var statement in statementsAt500)
{
    Line(statement);
}
Line("");

}

if (Runs(3))
{
Line("## 3. Event throughput — held for 60 s with no growing backlog (drained within 5 s of the end)");
Line("");
Line("| target /s | achieved /s | acknowledged | drain s | held |");
Line("|---:|---:|---:|---:|---|");
double? held = null;
foreach (var rate in quick ? new[] { 800 } : new[] { 1500, 1000, 700 })
{
    var (load, _, drain, _) = await EventsAsync(rate, TimeSpan.FromSeconds(quick ? 10 : 60));
    var ok = load.Succeeded >= load.Sent * 0.99 && load.AchievedRate >= rate * 0.95 && drain <= 5;
    Line($"| {rate} | {load.AchievedRate:0} | {load.Succeeded}/{load.Sent} | {drain:0.0} | {(ok ? "yes" : "no")} |");
    if (ok)
    {
        held = rate;
        break;
    }
}
Line($"Highest rate held: {(held is null ? "below the rates tried" : $"{held:0}/s")}");
Line("");

}

// 4. Start and footprint.
if (Runs(4))
{
processes = PlatformProcess.All();
var pss = processes.GroupBy(p => p.Role).ToDictionary(g => g.Key, g => g.Sum(p => p.PssMegabytes()));
Line("## 4. Start and footprint");
Line("");
Line($"Start to every resource healthy: {startSeconds:0.0} s. Memory (PSS) of the tree: {pss.Where(p => p.Key != "load generator").Sum(p => p.Value):0} MB — " +
     string.Join(", ", pss.Where(p => p.Key != "load generator").OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:0}")));
Line("");

}

// 5. The annual report over a year of 100,000 recorded facts.
if (Runs(5))
{
var count = quick ? 10_000 : 100_000;
var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(rabbit), h => h.PublisherConfirmation = true));
await bus.StartAsync();
var published = Stopwatch.StartNew();
var now = DateTimeOffset.UtcNow;
await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, token) =>
{
    var village = Town[..9] + (201 + i % 20).ToString("D3");
    IIntegrationEvent fact = (i % 5) switch
    {
        0 => new DisputeResolved(Guid.NewGuid(), null, village, Town, Town, MediationLevel.Town, DisputeCategory.Neighbourhood, "协议", 3, now),
        1 => new AppealCollected(Guid.NewGuid(), village, Town, now),
        2 => new EarlyWarningRaised(Guid.NewGuid(), village, Town, "Other", 1, 2, null, now),
        3 => new HouseholdsVisited(Guid.NewGuid(), village, Town, [DateOnly.FromDateTime(now.UtcDateTime)], now),
        _ => new DisputeHandledLocally(Guid.NewGuid(), village, Town, DisputeCategory.Other, now),
    };
    await bus.Publish(fact, fact.GetType(), token);
});
var publishSeconds = published.Elapsed.TotalSeconds;
await bus.StopAsync();
await using (var reporting = NpgsqlDataSource.Create(reportingDb))
{
    while (published.Elapsed < TimeSpan.FromMinutes(15))
    {
        await using var connection = await reporting.OpenConnectionAsync();
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projected_events WHERE town_code = @Town", new { Town }) >= count)
        {
            break;
        }
        await Task.Delay(500);
    }
}
var consumedSeconds = published.Elapsed.TotalSeconds;
var generation = Stopwatch.StartNew();
var draft = await http.PostAsJsonAsync($"{PublicGateway}/api/reports/annual", new { townCode = Town, year = now.Year, townName = "压测镇", issuer = "压测镇人民政府" });
var draftMs = generation.Elapsed.TotalMilliseconds;
var id = draft.IsSuccessStatusCode ? (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString() : null;
double htmlMs = double.NaN, wordMs = double.NaN;
if (id is not null)
{
    generation.Restart();
    (await http.GetAsync($"{PublicGateway}/api/reports/annual/{id}/document.html")).EnsureSuccessStatusCode();
    htmlMs = generation.Elapsed.TotalMilliseconds;
    generation.Restart();
    (await http.GetAsync($"{PublicGateway}/api/reports/annual/{id}/document.docx")).EnsureSuccessStatusCode();
    wordMs = generation.Elapsed.TotalMilliseconds;
}
Line("## 5. Annual report over a year of " + count.ToString("N0") + " facts");
Line("");
Line($"Published {count:N0} events straight to RabbitMQ in {publishSeconds:0.0} s; reporting counted them all after {consumedSeconds:0.0} s ({count / consumedSeconds:0}/s).");
Line($"Draft with the figures snapshot: {draftMs:0} ms{(draft.IsSuccessStatusCode ? "" : $" (HTTP {(int)draft.StatusCode}: a report for this year exists already)")}; HTML: {htmlMs:0} ms; Word: {wordMs:0} ms.");

}

Directory.CreateDirectory("bench/results");
var file = Path.Combine("bench/results", $"{DateTime.Now:yyyyMMdd-HHmm}.md");
await File.WriteAllTextAsync(file, report.ToString());
Console.WriteLine($"\nWritten to {file}");
return 0;
