using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Zaili.Contracts;
using Zaili.ServiceDefaults;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.EndToEnd.Tests;

/// <summary>A message delivered twice changes state once — over the real broker, with the real inbox.</summary>
public sealed class InboxTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_redelivered_DisputeReported_opens_one_case_not_two()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(platform.Gateway, "西周村", ct);
        var reportId = Guid.NewGuid();
        var messageId = NewId.NextGuid();

        var bus = await StartBusAsync(_ => { }, ct);
        try
        {
            var message = OutboxTests.Reported(reportId, village);
            await bus.Publish(message, context => context.MessageId = messageId, ct);
            await bus.Publish(message, context => context.MessageId = messageId, ct);
        }
        finally
        {
            await bus.StopAsync(ct);
        }

        await Eventually.GetAsync(() => Api.CasesForReportAsync(platform.Gateway, reportId, ct), cases => cases.Count >= 1,
            TimeSpan.FromSeconds(30), "case opened");
        await using var mediationDb = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Mediation)));
        await using var connection = await mediationDb.OpenConnectionAsync(ct);
        await Eventually.GetAsync(
            () => connection.ExecuteScalarAsync<int>("SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId }),
            count => count == 1, TimeSpan.FromSeconds(10), "message recorded in mediation's inbox");
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        Assert.Single(await Api.CasesForReportAsync(platform.Gateway, reportId, ct));
    }

    [Fact]
    public async Task A_district_referral_is_taken_once_per_district_reference()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(platform.Gateway, "黑旺村", ct);
        var reference = "ZC-12345-" + Guid.NewGuid().ToString("N")[..6];
        var referral = new DisputeReferredByDistrict(reference, village, DisputeCategory.Contract, "区热线转办：承包费纠纷", 2, DateTimeOffset.UtcNow);

        var bus = await StartBusAsync(_ => { }, ct);
        try
        {
            // Two sends of one referral under different message ids: the inbox cannot tell, the reference can.
            await bus.Publish(referral, ct);
            await bus.Publish(referral, ct);
        }
        finally
        {
            await bus.StopAsync(ct);
        }

        var cases = await Eventually.GetAsync(
            () => platform.Gateway.GetFromJsonAsync<System.Text.Json.JsonElement[]>($"/api/mediation/cases?nodeCode={village}", ct)!,
            found => found!.Length >= 1, TimeSpan.FromSeconds(30), "district referral opened a case");
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var after = await platform.Gateway.GetFromJsonAsync<System.Text.Json.JsonElement[]>($"/api/mediation/cases?nodeCode={village}", ct);
        var only = Assert.Single(after!);
        Assert.Equal("DistrictReferral", only.GetProperty("source").GetString());
        Assert.Equal(reference, only.GetProperty("externalReference").GetString());
    }

    /// <summary>
    /// The inbox by itself, with no other guard: a probe consumer whose only protection is the inbox
    /// receives the same message id twice and another id once; its effect is applied twice, not three times.
    /// </summary>
    [Fact]
    public async Task The_inbox_applies_each_message_id_once_even_when_it_is_delivered_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var probeDb = await CreateProbeDatabaseAsync(ct);
        var observer = new DeliveryCounter();
        var queue = "e2e-inbox-probe-" + Guid.NewGuid().ToString("N")[..8];

        var inbox = await StartInboxAsync(probeDb, new InboxCommitOptions(), ct);
        var bus = await StartBusAsync(rabbit => rabbit.ReceiveEndpoint(queue, endpoint =>
        {
            endpoint.Consumer(() => new ProbeConsumer(inbox));
        }), ct, observer);
        var repeated = NewId.NextGuid();
        var other = NewId.NextGuid();
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
            await endpoint.Send(new InboxProbe("first", DateTimeOffset.UtcNow), context => context.MessageId = repeated, ct);
            await endpoint.Send(new InboxProbe("first again", DateTimeOffset.UtcNow), context => context.MessageId = repeated, ct);
            await endpoint.Send(new InboxProbe("second", DateTimeOffset.UtcNow), context => context.MessageId = other, ct);
            await Eventually.GetAsync(() => Task.FromResult(observer.Consumed), count => count == 3, TimeSpan.FromSeconds(30), "three deliveries consumed");
        }
        finally
        {
            await bus.StopAsync(ct);
            await inbox.StopAsync(ct);
        }

        await using var connection = await probeDb.OpenConnectionAsync(ct);
        var effects = (await connection.QueryAsync<string>("SELECT label FROM probe_effects ORDER BY label")).ToList();
        // The two deliveries of one id race (prefetch > 1): either may win, but only one is applied.
        Assert.Equal(2, effects.Count);
        Assert.Single(effects, label => label.StartsWith("first", StringComparison.Ordinal));
        Assert.Contains("second", effects);
        Assert.Equal(0, observer.Faulted);
    }

    /// <summary>
    /// A consume that hangs in mediation's database (its inbox insert waits on a conflicting row the test holds
    /// uncommitted, as a stuck connection would) is cancelled at the platform's consume deadline, on the server
    /// too, and retried; once the row is gone the report opens its case, once. Without the deadline the attempt
    /// would hold its prefetch slot for as long as the row stays, and health would not say so.
    /// </summary>
    [Fact]
    public async Task A_consume_hanging_in_the_database_is_cancelled_at_its_deadline_and_retried_until_it_opens_the_case()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(platform.Gateway, "南坡村", ct);
        var reportId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        using var mediation = platform.App.CreateHttpClient(ResourceNames.Mediation);
        var timedOutBefore = TimedOut(await ConsumesHealthAsync(mediation, ct));

        await using var mediationDb = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Mediation)));
        await using var blocker = await mediationDb.OpenConnectionAsync(ct);
        await using var blocking = await blocker.BeginTransactionAsync(ct);
        await blocker.ExecuteAsync(
            "INSERT INTO inbox_messages (message_id, consumer, message_type) VALUES (@messageId, 'DisputeReportedConsumer', 'DisputeReported')",
            new { messageId }, blocking);

        var bus = await StartBusAsync(_ => { }, ct);
        try
        {
            await bus.Publish(OutboxTests.Reported(reportId, village), context => context.MessageId = messageId, ct);
        }
        finally
        {
            await bus.StopAsync(ct);
        }

        var hung = await Eventually.GetAsync(() => ConsumesHealthAsync(mediation, ct), health => TimedOut(health) > timedOutBefore,
            TimeSpan.FromSeconds(40), "the hung attempt cancelled at the 10 s deadline");
        Assert.Equal("Healthy", hung.GetProperty("status").GetString());
        Assert.Empty(await Api.CasesForReportAsync(platform.Gateway, reportId, ct));
        await blocking.RollbackAsync(ct);

        await Eventually.GetAsync(() => Api.CasesForReportAsync(platform.Gateway, reportId, ct), cases => cases.Count >= 1,
            TimeSpan.FromSeconds(30), "the retried attempt opened the case");
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        Assert.Single(await Api.CasesForReportAsync(platform.Gateway, reportId, ct));
        Assert.Equal(1, await blocker.ExecuteScalarAsync<int>("SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId }));
        // The cancelled attempts were cancelled on the server too: no session of mediation's waits on a lock.
        Assert.Equal(0, await blocker.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"));
    }

    /// <summary>
    /// Messages consumed at the same moment share one commit. While the only writer is held by a first message,
    /// the next ones queue up and go together: a second delivery of one id in that group changes nothing, and a
    /// message whose handler throws fails alone while the rest of its group is applied.
    /// </summary>
    [Fact]
    public async Task Messages_committed_together_are_each_applied_once_and_a_failing_one_fails_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var probeDb = await CreateProbeDatabaseAsync(ct);
        var inbox = await StartInboxAsync(probeDb, new InboxCommitOptions { Writers = 1, MaxMessagesPerCommit = 32 }, ct);
        var fallbacks = new List<long>();
        using var fallbackListener = ListenTo<long>(PlatformTelemetry.InboxGroupFallbacks.Name, fallbacks);
        try
        {
            var (hold, first) = await HoldTheOnlyWriterAsync(inbox, "first", ct);

            var repeated = NewId.NextGuid();
            var queued = new List<(string Label, Task<bool> Applied)>();
            foreach (var label in new[] { "a", "b", "c", "d" })
            {
                queued.Add((label, inbox.ApplyAsync(ProbeEntry(NewId.NextGuid()), (scope, token) => ProbeEffect(scope, label, token), together: true, ct)));
            }
            queued.Add(("repeat 1", inbox.ApplyAsync(ProbeEntry(repeated), (scope, token) => ProbeEffect(scope, "repeat 1", token), together: true, ct)));
            queued.Add(("repeat 2", inbox.ApplyAsync(ProbeEntry(repeated), (scope, token) => ProbeEffect(scope, "repeat 2", token), together: true, ct)));
            var poison = inbox.ApplyAsync(ProbeEntry(NewId.NextGuid()), (_, _) => throw new InvalidOperationException("a message no handler can apply"), together: true, ct);
            hold.SetResult();

            Assert.True(await first);
            await Assert.ThrowsAsync<InvalidOperationException>(() => poison);
            var outcomes = await Task.WhenAll(queued.Select(q => q.Applied));
            Assert.All(outcomes.Take(4), Assert.True);
            Assert.Equal(1, outcomes.Skip(4).Count(applied => applied));

            await using var connection = await probeDb.OpenConnectionAsync(ct);
            var effects = (await connection.QueryAsync<string>("SELECT label FROM probe_effects ORDER BY label")).ToList();
            Assert.Equal(6, effects.Count);
            Assert.Equal(["a", "b", "c", "d", "first"], effects.Where(label => !label.StartsWith("repeat", StringComparison.Ordinal)));
            Assert.Single(effects, label => label.StartsWith("repeat", StringComparison.Ordinal));
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT duplicates FROM inbox_messages WHERE message_id = @repeated", new { repeated }));
            // The poison's row went with its rolled-back transaction.
            Assert.Equal(6, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM inbox_messages"));
            // The queued seven went as one group, which the poison failed; then each went alone.
            lock (fallbacks)
            {
                Assert.Equal(1, fallbacks.Sum());
            }
        }
        finally
        {
            await inbox.StopAsync(ct);
        }
    }

    /// <summary>A group of messages applied without a failure is one commit with all of them.</summary>
    [Fact]
    public async Task Messages_arriving_while_a_commit_is_in_flight_go_together_in_the_next_one()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var probeDb = await CreateProbeDatabaseAsync(ct);
        var inbox = await StartInboxAsync(probeDb, new InboxCommitOptions { Writers = 1, MaxMessagesPerCommit = 32 }, ct);
        var groupSizes = new List<int>();
        using var listener = ListenTo<int>(PlatformTelemetry.InboxGroupSize.Name, groupSizes);
        try
        {
            var (hold, first) = await HoldTheOnlyWriterAsync(inbox, "first", ct);
            var rest = Enumerable.Range(0, 40).Select(i => inbox.ApplyAsync(
                ProbeEntry(NewId.NextGuid()), (scope, token) => ProbeEffect(scope, "m" + i, token), together: true, ct)).ToList();
            hold.SetResult();
            Assert.True(await first);
            Assert.All(await Task.WhenAll(rest), Assert.True);

            await using var connection = await probeDb.OpenConnectionAsync(ct);
            Assert.Equal(41, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM probe_effects"));
            lock (groupSizes)
            {
                // 40 queued behind the first: a full group of 32, then the other 8.
                Assert.Equal([32, 8], groupSizes.Order().Reverse());
            }
        }
        finally
        {
            await inbox.StopAsync(ct);
        }
    }

    /// <summary>A first message whose handler waits for <c>hold</c>: once it runs, the one writer is busy and what comes next queues.</summary>
    private static async Task<(TaskCompletionSource Hold, Task<bool> First)> HoldTheOnlyWriterAsync(InboxCommitter inbox, string label, CancellationToken ct)
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = inbox.ApplyAsync(ProbeEntry(NewId.NextGuid()), async (scope, token) =>
        {
            running.SetResult();
            await hold.Task.WaitAsync(token);
            await ProbeEffect(scope, label, token);
        }, together: true, ct);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        return (hold, first);
    }

    private static InboxEntry ProbeEntry(Guid messageId) => new(messageId, "ProbeConsumer", nameof(InboxProbe));

    private static Task ProbeEffect(ConsumeScope scope, string label, CancellationToken token) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO probe_effects (label) VALUES (@label)", new { label }, scope.Transaction, cancellationToken: token));

    private static async Task<InboxCommitter> StartInboxAsync(NpgsqlDataSource dataSource, InboxCommitOptions options, CancellationToken ct)
    {
        var inbox = new InboxCommitter(dataSource, new Outbox(TimeProvider.System), Microsoft.Extensions.Options.Options.Create(options), NullLogger<InboxCommitter>.Instance);
        await inbox.StartAsync(ct);
        return inbox;
    }

    /// <summary>Measurements of one of the platform's instruments made in this test process.</summary>
    private static System.Diagnostics.Metrics.MeterListener ListenTo<T>(string instrument, List<T> measurements)
        where T : struct
    {
        var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (published, l) =>
            {
                if (published.Meter.Name == PlatformTelemetry.MeterName && published.Name == instrument)
                {
                    l.EnableMeasurementEvents(published);
                }
            },
        };
        listener.SetMeasurementEventCallback<T>((_, value, _, _) =>
        {
            lock (measurements)
            {
                measurements.Add(value);
            }
        });
        listener.Start();
        return listener;
    }

    private static async Task<JsonElement> ConsumesHealthAsync(HttpClient service, CancellationToken ct)
    {
        using var response = await service.GetAsync("/health", ct);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("checks").GetProperty("consumes");
    }

    private static long TimedOut(JsonElement consumesHealth) => consumesHealth.GetProperty("data").GetProperty("timedOut").GetInt64();

    private async Task<IBusControl> StartBusAsync(Action<IRabbitMqBusFactoryConfigurator> configure, CancellationToken ct, IConsumeMessageObserver<InboxProbe>? observer = null)
    {
        var broker = new Uri(await platform.ConnectionStringAsync(ResourceNames.RabbitMq));
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker);
            configure(rabbit);
        });
        if (observer is not null)
        {
            bus.ConnectConsumeMessageObserver(observer);
        }
        await bus.StartAsync(ct);
        return bus;
    }

    /// <summary>A database of the test's own on the platform's server, with the platform's outbox and inbox tables.</summary>
    private async Task<NpgsqlDataSource> CreateProbeDatabaseAsync(CancellationToken ct)
    {
        var name = "e2e_probe_" + Guid.NewGuid().ToString("N")[..8];
        var server = new NpgsqlConnectionStringBuilder(await platform.ConnectionStringAsync(ResourceNames.Postgres)) { Database = "postgres" };
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync(ct);
            await admin.ExecuteAsync($"CREATE DATABASE {name}");
        }
        server.Database = name;
        var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        await new SqlMigrator(dataSource, new MigrationSource(typeof(InboxTests).Assembly), NullLogger<SqlMigrator>.Instance).StartAsync(ct);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync("CREATE TABLE probe_effects (label text NOT NULL)");
        return dataSource;
    }

    private sealed class DeliveryCounter : IConsumeMessageObserver<InboxProbe>
    {
        private int _consumed;
        private int _faulted;

        public int Consumed => Volatile.Read(ref _consumed);
        public int Faulted => Volatile.Read(ref _faulted);

        public Task PreConsume(ConsumeContext<InboxProbe> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<InboxProbe> context)
        {
            Interlocked.Increment(ref _consumed);
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<InboxProbe> context, Exception exception)
        {
            Interlocked.Increment(ref _faulted);
            return Task.CompletedTask;
        }
    }
}

/// <summary>A message type of the tests' own, so no service consumes it.</summary>
public sealed record InboxProbe(string Label, DateTimeOffset OccurredAt) : IIntegrationEvent;

public sealed class ProbeConsumer(InboxCommitter inbox) : InboxConsumer<InboxProbe>(inbox, NullLogger.Instance)
{
    protected override bool CommitsTogether => true;

    protected override Task HandleAsync(InboxProbe message, ConsumeScope scope, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO probe_effects (label) VALUES (@Label)", new { message.Label }, scope.Transaction, cancellationToken: cancellationToken));
}
