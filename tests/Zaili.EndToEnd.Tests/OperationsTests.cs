using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Zaili.ServiceDefaults;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Zaili.AppHost.Infrastructure;
using Zaili.Contracts;
using Zaili.ServiceDefaults.Operations;

namespace Zaili.EndToEnd.Tests;

/// <summary>What the operators do in the dashboard: metrics, replaying failed messages, backups, health.</summary>
public sealed class OperationsTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task Platform_gauges_count_what_is_in_the_database_through_the_meter()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(Gateway, "北焦宋村", ct);
        var report = await Api.ReportDisputeAsync(Gateway, village, "地界纠纷", ct);
        await Eventually.GetAsync(() => Api.GetReportAsync(Gateway, report.Id, ct), r => r.Status == "InMediation", TimeSpan.FromSeconds(30), "case opened");

        await using var mediationDb = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Mediation)));
        var metrics = new BusinessMetrics(mediationDb, BusinessMetricsRegistration.PlatformGauges, [], Options.Create(new BusinessMetricsOptions()), NullLogger<BusinessMetrics>.Instance);
        await metrics.SampleAsync(ct);
        var measured = new List<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PlatformTelemetry.MeterName && instrument.Name.StartsWith("zaili.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            measured.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        listener.RecordObservableInstruments();

        await using var connection = await mediationDb.OpenConnectionAsync(ct);
        var applied = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE message_type = 'DisputeReported'");
        Assert.Contains(measured, m => m.Name == "zaili.inbox.applied" && Equals(m.Tags["messaging.message.type"], "DisputeReported") && m.Value == applied);
        Assert.Contains(measured, m => m.Name == "zaili.outbox.pending");
        Assert.Contains(measured, m => m.Name == "zaili.outbox.oldest_age");
    }

    [Fact]
    public async Task A_service_counts_its_own_work_for_the_dashboard()
    {
        var ct = TestContext.Current.CancellationToken;
        using var mediation = platform.App.CreateHttpClient(ResourceNames.Mediation);
        async Task<double> OpenAtVillageLevelAsync()
        {
            var sample = await (await mediation.PostAsync("/ops/metrics/sample", null, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
            return sample.GetProperty("zaili.mediation.cases.open").EnumerateArray()
                .Where(m => m.GetProperty("attributes").GetProperty("level").GetString() == "Village").Sum(m => m.GetProperty("value").GetDouble());
        }

        var village = await TestVillages.AddAsync(Gateway, "罗圈村", ct);
        var case1 = await Gateway.PostAsJsonAsync("/api/mediation/cases", new { source = "WalkIn", villageCode = village, category = "Other", summary = "纠纷", householdCount = 2 }, ct);
        case1.EnsureSuccessStatusCode();
        Assert.True(await OpenAtVillageLevelAsync() >= 1);
        var gauges = (await (await mediation.PostAsync("/ops/metrics/sample", null, ct)).Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("zaili.mediation.cases.overdue", gauges);
        Assert.Contains("zaili.outbox.pending", gauges);
        // /ops is for the AppHost only: the gateway does not route it.
        Assert.Equal(HttpStatusCode.NotFound, (await Gateway.PostAsync("/ops/metrics/sample", null, ct)).StatusCode);
    }

    [Fact]
    public async Task A_message_that_failed_every_retry_waits_in_error_and_the_replay_command_applies_it_once()
    {
        var ct = TestContext.Current.CancellationToken;
        // A town whose mediation network is not loaded yet: the referral fails every retry.
        var town = "3703029" + Random.Shared.Next(10, 99) + "000";
        var village = town[..9] + "201";
        var reference = "e2e:" + Guid.NewGuid().ToString("N");
        using var mediation = platform.App.CreateHttpClient(ResourceNames.Mediation);
        const string errorQueue = "mediation-dispute-referred-by-district_error";
        // Counting declares each error queue as MassTransit declares it, before anything failed; MassTransit then
        // moves the failed message into the queue the count declared.
        var before = JsonDocument.Parse(await mediation.GetStringAsync("/ops/error-queues", ct)).RootElement.EnumerateArray()
            .Single(q => q.GetProperty("queue").GetString() == errorQueue);
        // The queue now exists: asking for one that does not closes the channel, an error in the broker's log.
        var rabbitMq = new Uri(await platform.ConnectionStringAsync(ResourceNames.RabbitMq));
        await using (var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync(ct))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            Assert.Equal(before.GetProperty("messages").GetInt64(), (await channel.QueueDeclarePassiveAsync(errorQueue, ct)).MessageCount);
        }
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(rabbitMq));
        await bus.StartAsync(ct);
        try
        {
            await bus.Publish(new DisputeReferredByDistrict(reference, village, DisputeCategory.Labour, "欠薪纠纷", 1, DateTimeOffset.UtcNow), ct);
        }
        finally
        {
            await bus.StopAsync(ct);
        }

        await Eventually.GetAsync(async () => await mediation.GetStringAsync("/ops/error-queues", ct),
            queues => JsonDocument.Parse(queues).RootElement.EnumerateArray().Any(q => q.GetProperty("queue").GetString() == errorQueue
                && q.GetProperty("messages").GetInt64() > before.GetProperty("messages").GetInt64()),
            TimeSpan.FromSeconds(90), "the message in _error");
        Assert.Empty((await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/cases?nodeCode={town}", ct))!);
        // It came back once from its delay queue and failed its retries again before it was given up.
        var waiting = (await mediation.GetFromJsonAsync<JsonElement[]>("/ops/error-queues/messages", ct))!
            .Single(m => m.GetProperty("queue").GetString() == errorQueue);
        Assert.Equal(1, waiting.GetProperty("redeliveries").GetInt32());
        Assert.Equal("urn:message:Zaili.Contracts:DisputeReferredByDistrict", waiting.GetProperty("messageType").GetString());

        // The cause is fixed (the town's centre joins the network); the operator presses the button.
        (await Gateway.PutAsJsonAsync("/api/mediation/network",
            new { nodes = new[] { new { code = town, name = "测试镇一站式矛盾纠纷调解中心", level = "Town" } } }, ct)).EnsureSuccessStatusCode();
        var message = await platform.ExecuteCommandAsync(ResourceNames.Mediation, "replay-errors");
        Assert.Contains(errorQueue.Replace("_error", ""), message);

        var cases = await Eventually.GetAsync(async () => (await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/cases?nodeCode={town}", ct))!,
            found => found.Length > 0, TimeSpan.FromSeconds(30), "the replayed referral became a case");
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        Assert.Single((await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/cases?nodeCode={town}", ct))!);
        Assert.Single(cases);
    }

    [Fact]
    public async Task A_backup_of_the_running_platform_restores_into_a_fresh_cluster_with_every_record()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(Gateway, "备份村", ct);
        await using var governanceDb = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Governance)));
        List<string> liveVillages;
        await using (var live = await governanceDb.OpenConnectionAsync(ct))
        {
            liveVillages = (await live.QueryAsync<string>("SELECT code FROM villages")).ToList();
        }
        Assert.Contains(village, liveVillages);

        var message = await platform.ExecuteCommandAsync(ResourceNames.Postgres, "backup");
        var folder = message![(message!.IndexOf(" to ", StringComparison.Ordinal) + 4)..].Trim();
        Assert.True(File.Exists(Path.Combine(folder, ResourceNames.DatabaseOf(ResourceNames.Governance) + ".dump")), message);

        // A fresh data folder: a new cluster of its own, then the restore.
        var bin = HostTools.PostgresBinDirectory();
        var home = Directory.CreateTempSubdirectory("zaili-restore-").FullName;
        var data = Path.Combine(home, "data");
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        await File.WriteAllTextAsync(Path.Combine(home, "pw"), password, ct);
        if (HostTools.MustDropRoot)
        {
            HostTools.Chown(home, "postgres");
        }
        var (initdb, initdbArguments) = HostTools.AsPostgresUser(Path.Combine(bin, "initdb"), "-D", data, "--username", "postgres", "--pwfile", Path.Combine(home, "pw"), "--auth", "scram-sha-256", "--no-sync");
        var init = HostTools.Run(initdb, initdbArguments, TimeSpan.FromMinutes(2));
        Assert.True(init.ExitCode == 0, init.Output);
        var port = HostTools.FreeLoopbackPort();
        var (postgres, postgresArguments) = HostTools.AsPostgresUser(Path.Combine(bin, "postgres"), "-D", data, "-p", port.ToString(), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off");
        var startInfo = new ProcessStartInfo(postgres) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in postgresArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var server = Process.Start(startInfo)!;
        try
        {
            var target = new PostgresBackups.Server("127.0.0.1", port, "postgres", password);
            await Eventually.GetAsync(async () =>
            {
                try
                {
                    await using var probe = new NpgsqlConnection(target.AdminConnectionString("postgres"));
                    await probe.OpenAsync(ct);
                    return true;
                }
                catch (NpgsqlException)
                {
                    return false;
                }
            }, up => up, TimeSpan.FromSeconds(30), "fresh cluster accepting connections");

            var restored = await PostgresBackups.RestoreAsync(bin, target, folder, ct);
            Assert.Equal(ResourceNames.Services.Count, restored.Count);
            await using var copy = new NpgsqlConnection(target.AdminConnectionString(ResourceNames.DatabaseOf(ResourceNames.Governance)));
            await copy.OpenAsync(ct);
            var restoredVillages = (await copy.QueryAsync<string>("SELECT code FROM villages")).ToHashSet();
            Assert.All(liveVillages, code => Assert.Contains(code, restoredVillages));
            Assert.True(await copy.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox_messages") > 0);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
            Directory.Delete(home, recursive: true);
        }
    }
}

/// <summary>Stopping PostgreSQL affects every service, so this runs alone, with the broker outage.</summary>
[Collection(BrokerOutageCollection.Name)]
public sealed class DatabaseOutageTests(PlatformFixture platform)
{
    [Fact]
    public async Task Health_names_the_database_when_PostgreSQL_is_down_and_recovers_when_it_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        using var mediation = platform.App.CreateHttpClient(ResourceNames.Mediation);
        await platform.ExecuteCommandAsync(ResourceNames.Postgres, KnownResourceCommands.StopCommand);
        try
        {
            var down = await Eventually.GetAsync(async () =>
            {
                using var response = await mediation.GetAsync("/health", ct);
                return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>(ct));
            }, health => health.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60), "health reports the database down");
            var failing = down.Body.GetProperty("checks").EnumerateObject().Where(c => c.Value.GetProperty("status").GetString() == "Unhealthy").Select(c => c.Name).ToList();
            Assert.Contains(failing, name => name.Contains("PostgreSql", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("masstransit-bus", failing);
        }
        finally
        {
            await platform.ExecuteCommandAsync(ResourceNames.Postgres, KnownResourceCommands.StartCommand);
            using var started = CancellationTokenSource.CreateLinkedTokenSource(ct);
            started.CancelAfter(TimeSpan.FromSeconds(90));
            await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Postgres, started.Token);
        }
        await Eventually.GetAsync(async () => (await mediation.GetAsync("/health", ct)).StatusCode, status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "healthy again");
        // Recovered means staff can work again: a change through the gateway is accepted (503 with Retry-After meanwhile).
        await Eventually.GetAsync(async () =>
        {
            using var response = await platform.Gateway.PutAsJsonAsync("/api/governance/villages",
                new { villages = new[] { new { code = TestVillages.NewCode(), name = "恢复后新增村", isPilot = false } } }, ct);
            return response.StatusCode;
        }, status => (int)status is >= 200 and < 300, TimeSpan.FromSeconds(60), "a change through the gateway accepted again");
    }
}
