using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Zaili.EndToEnd.Tests;

/// <summary>What the gateway and every service do for security beyond roles: the audit log, rate limits, headers.</summary>
public sealed class GatewaySecurityTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task Changes_and_refusals_are_in_an_append_only_audit_log_only_administrators_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(Gateway, "淄河村", ct);
        var opened = await Gateway.PostAsJsonAsync("/api/mediation/cases", new
        {
            source = "WalkIn", villageCode = village, category = "Neighbourhood", summary = "院墙滴水纠纷", householdCount = 2,
        }, ct);
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;

        using var mediator = await StaffAccounts.SignInAsNewAsync(platform, "Mediator", ct, mediationNode: village);
        Assert.Equal(HttpStatusCode.OK, (await mediator.Client.PostAsJsonAsync($"/api/mediation/cases/{caseId}/sessions",
            new { heldAt = DateTimeOffset.UtcNow, notes = "第一次调解" }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.Client.PutAsJsonAsync("/api/mediation/network", new { nodes = Array.Empty<object>() }, ct)).StatusCode);
        // Refused at the gateway already: only administrators reach an audit log.
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.Client.GetAsync("/api/mediation/audit", ct)).StatusCode);

        var entries = (await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/audit?actor={mediator.Subject}", ct))!;
        var session = Assert.Single(entries, e => e.GetProperty("action").GetString() == "RecordSession");
        Assert.Equal(caseId, session.GetProperty("recordId").GetString());
        Assert.Equal(200, session.GetProperty("status").GetInt32());
        Assert.Equal("POST", session.GetProperty("method").GetString());
        Assert.Equal(["Mediator"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(string.IsNullOrEmpty(session.GetProperty("clientAddress").GetString()));
        Assert.Matches("^[0-9a-f]{32}$", session.GetProperty("traceId").GetString()!);
        var refused = Assert.Single(entries, e => e.GetProperty("action").GetString() == "ImportNetwork");
        Assert.Equal(403, refused.GetProperty("status").GetInt32());

        // The creation by the administrator is there too, with the id of the case it created.
        var byAdmin = (await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/audit?recordId={caseId}", ct))!;
        Assert.Contains(byAdmin, e => e.GetProperty("action").GetString() == "OpenCase" && e.GetProperty("status").GetInt32() == 201);

        // Not even the service's own database login can rewrite or remove history.
        await using var db = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Mediation)));
        await using var connection = await db.OpenConnectionAsync(ct);
        var update = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE audit_log SET actor = 'someone-else' WHERE record_id = @caseId", new { caseId }));
        Assert.Contains("append-only", update.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("DELETE FROM audit_log WHERE record_id = @caseId", new { caseId }));
        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("TRUNCATE audit_log"));
    }

    [Fact]
    public async Task Changes_made_at_the_same_time_each_have_their_audit_row_when_their_response_arrives()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(Gateway, "聂家村", ct);
        await using var db = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Mediation)));

        // Rows are written by group commit: many requests finish together, and each must still find its row
        // committed the moment it has its answer, not after some later flush.
        async Task<(string CaseId, int RowsWhenAnswered)> OpenAndLookAsync(int i)
        {
            using var opened = await Gateway.PostAsJsonAsync("/api/mediation/cases", new
            {
                source = "WalkIn", villageCode = village, category = "Neighbourhood", summary = $"同时登记的纠纷 {i}", householdCount = 2,
            }, ct);
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
            await using var connection = await db.OpenConnectionAsync(ct);
            var rows = await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM audit_log WHERE record_id = @caseId AND action = 'OpenCase' AND status = 201", new { caseId });
            return (caseId, rows);
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(OpenAndLookAsync));
        Assert.All(answers, answer => Assert.Equal(1, answer.RowsWhenAnswered));
        Assert.Equal(24, answers.Select(answer => answer.CaseId).Distinct().Count());
    }

    [Fact]
    public async Task A_client_over_its_rate_is_told_to_wait_with_429_and_Retry_After_and_others_are_not_slowed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var hasty = await StaffAccounts.SignInAsNewAsync(platform, "PartyGovernmentOffice", ct);

        // The shipped bucket holds 300 requests and refills 100 a second: 1,000 at once must overflow it.
        var responses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => hasty.Client.GetAsync("/api/identity/me", ct)));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, r.StatusCode.ToString()));
        var first = limited[0];
        Assert.True(int.Parse(first.Headers.RetryAfter!.ToString()) >= 1);
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("请求过于频繁", (await first.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("title").GetString());

        // The limit is per client: the administrator's requests go through meanwhile, and the hasty client's after the wait.
        Assert.Equal(HttpStatusCode.OK, (await Gateway.GetAsync("/api/identity/me", ct)).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(int.Parse(first.Headers.RetryAfter!.ToString()) + 1), ct);
        Assert.Equal(HttpStatusCode.OK, (await hasty.Client.GetAsync("/api/identity/me", ct)).StatusCode);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Every_answer_carries_security_headers_and_names_no_server()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = new HttpClient { BaseAddress = Gateway.BaseAddress };
        foreach (var (client, path) in new[] { (Gateway, "/api/governance/villages"), (anonymous, "/api/mediation/public/mediators?townCode=" + PlatformFixture.TownCode), (anonymous, "/api/governance/villages"), (anonymous, "/account/login") })
        {
            using var response = await client.GetAsync(path, ct);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.False(response.Headers.Contains("Server"), path);
            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.True(response.Headers.CacheControl?.NoStore, path);
            }
        }
    }
}
