using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Dapper;
using Npgsql;
using Zaili.Contracts;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.EndToEnd.Tests;

/// <summary>An event exists exactly when the state change that causes it commits.</summary>
public sealed class OutboxTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_rolled_back_transaction_publishes_nothing_while_a_committed_one_is_delivered()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(platform.Gateway, "太平村", ct);
        await using var governanceDb = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Governance)));
        var outbox = new Outbox(TimeProvider.System);
        var rolledBack = Guid.NewGuid();
        var committed = Guid.NewGuid();

        await using (var connection = await governanceDb.OpenConnectionAsync(ct))
        {
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                await outbox.EnqueueAsync(transaction, Reported(rolledBack, village), ct);
                await transaction.RollbackAsync(ct);
            }
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                await outbox.EnqueueAsync(transaction, Reported(committed, village), ct);
                await transaction.CommitAsync(ct);
            }
        }

        // The relay publishes in commit order, so once the later event arrived nothing before it is pending.
        await Eventually.GetAsync(() => Api.CasesForReportAsync(platform.Gateway, committed, ct), cases => cases.Count == 1,
            TimeSpan.FromSeconds(30), "committed event delivered to mediation");
        Assert.Empty(await Api.CasesForReportAsync(platform.Gateway, rolledBack, ct));
        await using var check = await governanceDb.OpenConnectionAsync(ct);
        Assert.Equal(0, await check.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM outbox_messages WHERE body->>'reportId' = @id", new { id = rolledBack.ToString() }));
    }

    internal static DisputeReported Reported(Guid reportId, string village) =>
        new(reportId, village, PlatformFixture.TownCode, 2, DisputeCategory.Contract, "合同履行纠纷", "e2e", DateTimeOffset.UtcNow);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerOutageCollection
{
    public const string Name = "Broker outage";
}

/// <summary>Stopping RabbitMQ affects every service, so this runs alone.</summary>
[Collection(BrokerOutageCollection.Name)]
public sealed class BrokerOutageTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_event_written_while_RabbitMQ_is_down_is_published_after_it_comes_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var gateway = platform.Gateway;
        var village = await TestVillages.AddAsync(gateway, "南韩村", ct);

        await platform.ExecuteCommandAsync(ResourceNames.RabbitMq, KnownResourceCommands.StopCommand);
        using (var stopped = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            stopped.CancelAfter(TimeSpan.FromSeconds(60));
            await platform.App.ResourceNotifications.WaitForResourceAsync(ResourceNames.RabbitMq,
                e => e.Snapshot.State?.Text is "Exited" or "Finished" or "Stopped", stopped.Token);
        }

        // Governance accepts the report without the broker: the event waits in its outbox.
        var report = await Api.ReportDisputeAsync(gateway, village, "宅基地通行纠纷", ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        Assert.Equal("Reported", (await Api.GetReportAsync(gateway, report.Id, ct)).Status);
        await using var governanceDb = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Governance)));
        await using (var connection = await governanceDb.OpenConnectionAsync(ct))
        {
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM outbox_messages WHERE body->>'reportId' = @id AND published_at IS NULL", new { id = report.Id.ToString() }));
        }

        await platform.ExecuteCommandAsync(ResourceNames.RabbitMq, KnownResourceCommands.StartCommand);
        using (var started = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            started.CancelAfter(TimeSpan.FromSeconds(90));
            await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.RabbitMq, started.Token);
        }

        var taken = await Eventually.GetAsync(() => Api.GetReportAsync(gateway, report.Id, ct), r => r.Status == "InMediation",
            TimeSpan.FromSeconds(90), "report delivered after the broker came back");
        Assert.NotNull(taken.MediationCaseId);
        Assert.Single(await Api.CasesForReportAsync(gateway, report.Id, ct));
    }
}
