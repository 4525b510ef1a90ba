using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>The district's systems: an authenticated client pulls the feed, receives signed webhooks and refers disputes.</summary>
public sealed class DistrictInterfaceTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    private sealed record Client(string Id, string Secret, string AccessToken);

    /// <summary>A district system registered at the identity service, with a client-credentials token.</summary>
    private async Task<Client> RegisterClientAsync(string divisionCode, CancellationToken ct)
    {
        var response = await Gateway.PostAsJsonAsync("/api/identity/clients", new { displayName = "区司法局矛盾纠纷调处平台", division = divisionCode }, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var (id, secret) = (json.GetProperty("clientId").GetString()!, json.GetProperty("clientSecret").GetString()!);
        var tokens = await StaffSignIn.ClientCredentialsAsync(Gateway.BaseAddress!, id, secret, ct);
        return new Client(id, secret, tokens.AccessToken);
    }

    private async Task<HttpResponseMessage> AsClientAsync(Client client, HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.AccessToken);
        return await Gateway.SendAsync(request, ct);
    }

    private async Task<JsonElement> FeedPageAsync(Client client, long after, int limit, CancellationToken ct)
    {
        using var response = await AsClientAsync(client, HttpMethod.Get, $"/api/reports/district/feed?after={after}&limit={limit}", null, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    private async Task<List<(long Position, Guid Id, string? Village)>> ReadFeedAsync(Client client, long after, int pageSize, CancellationToken ct)
    {
        var read = new List<(long, Guid, string?)>();
        while (true)
        {
            var page = await FeedPageAsync(client, after, pageSize, ct);
            read.AddRange(page.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("position").GetInt64(), e.GetProperty("messageId").GetGuid(),
                e.GetProperty("type").GetString() == "EarlyWarningRaised" ? e.GetProperty("data").GetProperty("villageCode").GetString() : null)));
            after = page.GetProperty("cursor").GetInt64();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return read;
            }
        }
    }

    [Fact]
    public async Task The_feed_resumes_from_a_cursor_with_nothing_skipped_or_repeated_while_events_keep_arriving()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await RegisterClientAsync(PlatformFixture.TownCode, ct);
        var village = await TestVillages.AddAsync(Gateway, "东苑社区", ct);

        // Warnings keep being raised, several at once so that reporting commits them out of order, while the
        // client pages through the feed in small pages.
        var writer = Parallel.ForEachAsync(Enumerable.Range(0, 60), new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = ct }, async (i, token) =>
        {
            using var raised = await Gateway.PostAsJsonAsync("/api/governance/warnings", new { villageCode = village, category = "Other", severity = 1, description = $"预警{i}" }, token);
            raised.EnsureSuccessStatusCode();
        });
        var paged = new List<(long Position, Guid Id, string? Village)>();
        long cursor = 0;
        while (!writer.IsCompleted)
        {
            var chunk = await ReadFeedAsync(client, cursor, 7, ct);
            paged.AddRange(chunk);
            cursor = chunk.Count > 0 ? chunk[^1].Position : cursor;
        }
        await writer;
        // Once all 60 are in the feed, nothing earlier can still appear: finish paging from the cursor.
        var settled = await Eventually.GetAsync(() => ReadFeedAsync(client, 0, 500, ct), all => all.Count(e => e.Village == village) >= 60,
            TimeSpan.FromSeconds(60), "every warning in the feed");
        Assert.Equal(60, settled.Count(e => e.Village == village));
        Assert.Equal(60, paged.Concat(await ReadFeedAsync(client, cursor, 500, ct)).Count(e => e.Village == village));
        paged.AddRange(await ReadFeedAsync(client, cursor, 7, ct));
        var whole = await ReadFeedAsync(client, 0, 500, ct);

        Assert.Equal(whole.Where(e => e.Position <= paged[^1].Position), paged);
        Assert.Equal(paged.Count, paged.Select(e => e.Id).Distinct().Count());
        Assert.True(paged.Zip(paged.Skip(1)).All(pair => pair.First.Position < pair.Second.Position), "positions strictly increase");

        // Out of scope, unauthenticated and wrongly authenticated clients see nothing.
        var otherTown = await RegisterClientAsync("370302108000", ct);
        var foreign = await FeedPageAsync(otherTown, 0, 500, ct);
        Assert.Empty(foreign.GetProperty("events").EnumerateArray());
        using (var anonymous = new HttpClient { BaseAddress = Gateway.BaseAddress })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/reports/district/feed", ct)).StatusCode);
        }
        using var forged = await AsClientAsync(client with { AccessToken = client.AccessToken[..^4] + "AAAA" }, HttpMethod.Get, "/api/reports/district/feed", null, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        // Staff tokens, even an administrator's, are not a district system's.
        Assert.Equal(HttpStatusCode.Forbidden, (await Gateway.GetAsync("/api/reports/district/feed", ct)).StatusCode);
        using var badPage = await AsClientAsync(client, HttpMethod.Get, "/api/reports/district/feed?after=-1", null, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badPage.StatusCode);
    }

    [Fact]
    public async Task A_referral_enters_mediation_once_per_district_reference()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await RegisterClientAsync("370302000000", ct);
        var village = await TestVillages.AddAsync(Gateway, "西周村", ct);
        var reference = "HOTLINE-" + Guid.NewGuid().ToString("N")[..12];
        var referral = new { reference, villageCode = village, category = "Neighbourhood", summary = "12345热线：邻里噪音纠纷", householdCount = 2 };

        var first = await Eventually.GetAsync(() => AsClientAsync(client, HttpMethod.Post, "/api/reports/district/referrals", referral, ct),
            r => r.StatusCode != HttpStatusCode.UnprocessableEntity, TimeSpan.FromSeconds(30), "reporting knows the village");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var again = await AsClientAsync(client, HttpMethod.Post, "/api/reports/district/referrals", referral, ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(created.GetProperty("id").GetGuid(), (await again.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid());
        using var changed = await AsClientAsync(client, HttpMethod.Post, "/api/reports/district/referrals", referral with { summary = "内容不同" }, ct);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        using var outside = await AsClientAsync(await RegisterClientAsync("370302108000", ct), HttpMethod.Post, "/api/reports/district/referrals", referral, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);

        var inMediation = await Eventually.GetAsync(async () =>
        {
            using var response = await AsClientAsync(client, HttpMethod.Get, $"/api/reports/district/referrals/{reference}", null, ct);
            return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        }, r => r.GetProperty("status").GetString() == "InMediation", TimeSpan.FromSeconds(30), "mediation opened a case");
        var caseId = inMediation.GetProperty("caseId").GetGuid();
        var cases = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/cases?nodeCode={village}&limit=50", ct);
        Assert.Single(cases!, c => c.GetProperty("id").GetGuid() == caseId);
        Assert.Single(cases!);

        (await Gateway.PostAsJsonAsync($"/api/mediation/cases/{caseId}/agreement",
            new { terms = "双方约定夜间十点后不再施工", signedOn = Zaili.SharedKernel.ChinaTime.DateOf(DateTimeOffset.UtcNow).ToString("O") }, ct)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(async () =>
        {
            using var response = await AsClientAsync(client, HttpMethod.Get, $"/api/reports/district/referrals/{reference}", null, ct);
            return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        }, r => r.GetProperty("status").GetString() == "Resolved", TimeSpan.FromSeconds(30), "the outcome comes back to the district");
    }

    [Fact]
    public async Task Webhooks_are_signed_retried_dead_lettered_and_replayed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var receiver = new WebhookReceiver();
        var client = await RegisterClientAsync(PlatformFixture.TownCode, ct);
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        using (var ok = await AsClientAsync(client, HttpMethod.Post, "/api/reports/district/webhooks",
            new { url = receiver.Url + "ok", secret, eventTypes = new[] { "AppealCollected" } }, ct))
        {
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }
        using (var failing = await AsClientAsync(client, HttpMethod.Post, "/api/reports/district/webhooks",
            new { url = receiver.Url + "down", secret, eventTypes = new[] { "AppealCollected" } }, ct))
        {
            Assert.Equal(HttpStatusCode.Created, failing.StatusCode);
        }
        using (var invalid = await AsClientAsync(client, HttpMethod.Post, "/api/reports/district/webhooks", new { url = "ftp://x", secret, eventTypes = new[] { "Nope" } }, ct))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        }

        var village = await TestVillages.AddAsync(Gateway, "袁家村", ct);
        var appealIds = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var response = await Gateway.PostAsJsonAsync("/api/governance/appeals", new { villageCode = village, need = $"诉求{i}" }, ct);
            response.EnsureSuccessStatusCode();
            appealIds.Add((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid());
        }

        await Eventually.GetAsync(() => Task.FromResult(receiver.AppealIds("/ok")), ids => appealIds.All(ids.Contains), TimeSpan.FromSeconds(30), "signed deliveries received");
        Assert.All(receiver.Received("/ok"), delivery => Assert.True(delivery.VerifiesWith(secret), "signature verifies"));
        Assert.All(receiver.Received("/ok"), delivery => Assert.False(delivery.VerifiesWith(secret + "x")));

        // The failing endpoint got every attempt, then the deliveries went to the dead-letter list.
        var dead = await Eventually.GetAsync(async () => (await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/reports/district-clients/dead-letters?clientId={client.Id}", ct))!,
            letters => letters.Length >= 3, TimeSpan.FromSeconds(30), "dead-lettered after retries");
        Assert.All(dead, letter => Assert.Equal(4, letter.GetProperty("attempts").GetInt32()));
        Assert.True(receiver.Received("/down").Count >= 12, "four attempts each");

        receiver.Heal("/down");
        foreach (var letter in dead)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Gateway.PostAsync($"/api/reports/district-clients/deliveries/{letter.GetProperty("id").GetString()}/replay", null, ct)).StatusCode);
        }
        await Eventually.GetAsync(() => Task.FromResult(receiver.AppealIds("/down", acceptedOnly: true)), ids => appealIds.All(ids.Contains), TimeSpan.FromSeconds(30), "replayed");
        Assert.Empty((await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/reports/district-clients/dead-letters?clientId={client.Id}", ct))!);
        Assert.Equal(HttpStatusCode.Conflict, (await Gateway.PostAsync($"/api/reports/district-clients/deliveries/{dead[0].GetProperty("id").GetString()}/replay", null, ct)).StatusCode);
    }

    /// <summary>A district endpoint on loopback: <c>/ok</c> accepts, <c>/down</c> answers 503 until healed.</summary>
    private sealed class WebhookReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentBag<Delivery> _deliveries = [];
        private readonly ConcurrentDictionary<string, bool> _healed = new();

        public sealed record Delivery(string Path, string Body, string Timestamp, string Signature, bool Accepted)
        {
            public bool VerifiesWith(string secret)
            {
                var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{Timestamp}.{Body}")));
                return Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(Timestamp)) < 300 && expected == Signature;
            }
        }

        public string Url { get; }

        public WebhookReceiver()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public void Heal(string path) => _healed[path] = true;

        public IReadOnlyList<Delivery> Received(string path) => _deliveries.Where(d => d.Path == path).ToList();

        public HashSet<Guid> AppealIds(string path, bool acceptedOnly = false) => Received(path).Where(d => !acceptedOnly || d.Accepted)
            .Select(d => JsonDocument.Parse(d.Body).RootElement.GetProperty("data").GetProperty("appealId").GetGuid()).ToHashSet();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception)
                {
                    return;
                }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var path = context.Request.Url!.AbsolutePath;
                var accepted = path == "/ok" || _healed.ContainsKey(path);
                _deliveries.Add(new Delivery(path, body, context.Request.Headers["X-Zaili-Timestamp"] ?? "0", context.Request.Headers["X-Zaili-Signature"] ?? "", accepted));
                context.Response.StatusCode = accepted ? 204 : 503;
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
        }
    }

    [Fact]
    public async Task A_revoked_district_system_gets_no_new_token_and_its_last_token_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await RegisterClientAsync(PlatformFixture.TownCode, ct);
        using (var before = await AsClientAsync(client, HttpMethod.Get, "/api/reports/district/feed?limit=1", null, ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await Gateway.DeleteAsync($"/api/identity/clients/{client.Id}", ct)).StatusCode);
        var again = await StaffSignIn.TokenRequestAsync(Gateway.BaseAddress!, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.Id, ["client_secret"] = client.Secret, ["scope"] = "zaili-api",
        }, ct);
        Assert.False(again.IsSuccessStatusCode);

        // The token it still holds is valid for up to 30 minutes, but reporting hears of the revocation (DistrictSystemRevoked).
        var status = await Eventually.GetAsync(async () =>
        {
            using var response = await AsClientAsync(client, HttpMethod.Get, "/api/reports/district/feed?limit=1", null, ct);
            return response.StatusCode;
        }, s => s == HttpStatusCode.Forbidden, TimeSpan.FromSeconds(30), "reporting refuses the revoked client");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var clients = await Gateway.GetFromJsonAsync<JsonElement[]>("/api/reports/district-clients", ct);
        Assert.Contains(clients!, c => c.GetProperty("id").GetString() == client.Id && c.GetProperty("revokedAt").ValueKind == JsonValueKind.String);
    }
}
