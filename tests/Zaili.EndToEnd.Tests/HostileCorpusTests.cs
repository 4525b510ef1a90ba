using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// A corpus of malformed and hostile requests against every route the services publish (read from their
/// OpenAPI documents through the gateway) and against the fields that carry identity numbers, credit codes,
/// codes, enums, dates and amounts. Every request must get a 4xx — never a 2xx, never a 5xx — and nothing
/// it carried may be found afterwards in any table of any service's database.
/// </summary>
public sealed class HostileCorpusTests(PlatformFixture platform)
{
    private sealed record Hostile(string Category, HttpMethod Method, string Path, Func<HttpContent?> Body, string? Authorization = "admin");

    /// <summary>A string no legitimate request carries: if it is found in a table afterwards, a hostile request wrote something.</summary>
    private static readonly string Marker = "zx" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Hundreds_of_malformed_and_hostile_requests_get_a_4xx_and_write_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var operations = await OperationsAsync(ct);
        Assert.True(operations.Count >= 80, $"only {operations.Count} operations found in the OpenAPI documents");
        // An administrator of the test's own: its many quick requests count against its own limit, not the other tests'.
        using var admin = await StaffAccounts.SignInAsNewAsync(platform, "Administrator", ct);
        var adminToken = admin.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        var corpus = new List<Hostile>();
        corpus.AddRange(BrokenBodies(operations));
        corpus.AddRange(HostilePathValues(operations));
        corpus.AddRange(MissingOrForgedTokens(operations, adminToken));
        corpus.AddRange(await HostileFieldsAsync(ct));
        Assert.True(corpus.Count >= 200, $"the corpus has {corpus.Count} requests");

        using var counsel = await StaffAccounts.SignInAsNewAsync(platform, "VillageCounsel", ct, villages: [TestVillages.NewCode()]);
        var failures = new List<string>();
        var byCategory = new SortedDictionary<string, (int Count, SortedSet<int> Statuses)>();
        // Waits when the gateway says 429, so every request gets the answer to what it carried.
        using var http = new HttpClient(new RateLimitRetryHandler()) { BaseAddress = platform.Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        foreach (var hostile in corpus)
        {
            using var request = new HttpRequestMessage(hostile.Method, hostile.Path) { Content = hostile.Body() };
            // The gateway refuses an oversized body from its Content-Length, before reading it; without waiting for
            // "100 Continue" the client would still be sending when the connection closes.
            request.Headers.ExpectContinue = request.Content?.Headers.ContentLength > 64 * 1024;
            var authorization = hostile.Authorization switch
            {
                "admin" => "Bearer " + adminToken,
                "counsel" => counsel.Client.DefaultRequestHeaders.Authorization!.ToString(),
                var other => other,
            };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }
            using var response = await http.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500)
            {
                failures.Add($"{hostile.Category}: {hostile.Method} {Shorten(hostile.Path)} -> {status} {Shorten(await response.Content.ReadAsStringAsync(ct))}");
            }
            else if (response.Content.Headers.ContentLength > 0 && response.Content.Headers.ContentType?.MediaType is { } media && media.Contains("json"))
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                if (text.Contains("Exception", StringComparison.Ordinal) || text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Npgsql", StringComparison.Ordinal))
                {
                    failures.Add($"{hostile.Category}: {hostile.Method} {Shorten(hostile.Path)} -> {status} leaks internals: {Shorten(text)}");
                }
            }
            var entry = byCategory.GetValueOrDefault(hostile.Category, (Count: 0, Statuses: new SortedSet<int>()));
            entry.Statuses.Add(status);
            byCategory[hostile.Category] = (entry.Count + 1, entry.Statuses);
        }
        TestContext.Current.TestOutputHelper?.WriteLine("Hostile corpus: " + string.Join("; ", byCategory.Select(c => $"{c.Key} {c.Value.Count} -> {string.Join('/', c.Value.Statuses)}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count} hostile requests were not refused with a 4xx:\n" + string.Join('\n', failures.Take(60)));

        // The audit log records paths, and some hostile paths carry the marker.
        var written = await DatabaseSearch.TablesContainingAsync(platform, Marker, ct, "audit_log");
        Assert.True(written.Count == 0, "hostile content was written to: " + string.Join(", ", written));
    }

    private sealed record Operation(string Service, HttpMethod Method, string Template, bool HasBody, bool Anonymous);

    private async Task<List<Operation>> OperationsAsync(CancellationToken ct)
    {
        var operations = new List<Operation>();
        foreach (var (service, _) in ResourceNames.Services)
        {
            var document = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json", ct);
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
                {
                    operations.Add(new Operation(service, new HttpMethod(operation.Name.ToUpperInvariant()), path.Name,
                        operation.Value.TryGetProperty("requestBody", out _), path.Name.Contains("/public/", StringComparison.Ordinal)));
                }
            }
        }
        return operations;
    }

    /// <summary>A path with every placeholder filled: ids with a fresh GUID, codes with a code nobody has.</summary>
    private static string Fill(string template, string? value = null) =>
        System.Text.RegularExpressions.Regex.Replace(template, "{([^}]+)}", m => value ?? (m.Groups[1].Value.Contains("id", StringComparison.OrdinalIgnoreCase) && !m.Groups[1].Value.Contains("client", StringComparison.OrdinalIgnoreCase)
            ? Guid.NewGuid().ToString() : "NOPE-" + Marker));

    private static IEnumerable<Hostile> BrokenBodies(List<Operation> operations)
    {
        var nested = new string('[', 300) + new string(']', 300);
        foreach (var op in operations.Where(o => o.HasBody))
        {
            var path = Fill(op.Template);
            yield return new("broken JSON", op.Method, path, () => Json("{\"name\": \"" + Marker + "\", "));
            yield return new("wrong top-level type", op.Method, path, () => Json("[\"" + Marker + "\", 1, true]"));
            yield return new("null body", op.Method, path, () => Json("null"));
            yield return new("nested 300 deep", op.Method, path, () => Json(nested));
            yield return new("not JSON at all", op.Method, path, () => new StringContent("<xml>" + Marker + "</xml>", Encoding.UTF8, "application/xml"));
            yield return new("oversized body", op.Method, path, () => Json("{\"summary\": \"" + Marker + new string('长', 700_000) + "\"}"));
        }
    }

    private static IEnumerable<Hostile> HostilePathValues(List<Operation> operations)
    {
        string[] values = ["..%2F..%2F..%2Fetc%2Fpasswd", "1'%20OR%20'1'%3D'1", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%00" + Marker, new string('9', 3000)];
        foreach (var op in operations.Where(o => o.Template.Contains('{') && !o.Anonymous))
        {
            foreach (var value in values)
            {
                yield return new("hostile path value", op.Method, Fill(op.Template, value), () => op.HasBody ? Json("{}") : null);
            }
        }
        yield return new("path traversal", HttpMethod.Get, "/api/mediation/../../../../etc/passwd", () => null);
        yield return new("path traversal", HttpMethod.Get, "/api/mediation/%2e%2e/%2e%2e/appsettings.json", () => null);
        yield return new("path traversal", HttpMethod.Get, "/openapi/../../AppHost/secrets.json", () => null);
        yield return new("internal path", HttpMethod.Get, "/api/mediation/published-events", () => null);
        yield return new("internal path", HttpMethod.Get, "/ops/error-queues", () => null);
    }

    private static IEnumerable<Hostile> MissingOrForgedTokens(List<Operation> operations, string adminToken)
    {
        var parts = adminToken.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlDecode(parts[1]))!;
        var noneHeader = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"at+jwt\"}"));
        using var otherKey = RSA.Create(2048);
        var otherHeader = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}"));
        var signed = otherHeader + "." + parts[1];
        var foreignSignature = Base64Url(otherKey.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        payload["exp"] = JsonSerializer.SerializeToElement(DateTimeOffset.UtcNow.AddYears(5).ToUnixTimeSeconds());
        var extended = Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        string?[] forged =
        [
            null,
            $"Bearer {noneHeader}.{parts[1]}.",
            $"Bearer {signed}.{foreignSignature}",
            $"Bearer {parts[0]}.{extended}.{parts[2]}",
            "Bearer " + Marker,
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + Marker)),
        ];
        var index = 0;
        foreach (var op in operations.Where(o => !o.Anonymous))
        {
            // Each route gets two of the forgeries, so all of them meet routes of every service.
            for (var i = 0; i < 2; i++, index++)
            {
                var token = forged[index % forged.Length];
                yield return new(token is null ? "missing token" : "forged token", op.Method, Fill(op.Template), () => op.HasBody ? Json("{\"name\":\"" + Marker + "\"}") : null, token);
            }
        }
    }

    /// <summary>Bodies right in shape and wrong in one hostile value: what validation must catch field by field.</summary>
    private async Task<IEnumerable<Hostile>> HostileFieldsAsync(CancellationToken ct)
    {
        var village = await TestVillages.AddAsync(platform.Gateway, "敌意测试村", ct);
        var list = new List<Hostile>();
        void Add(string category, string path, object body, string authorization = "admin") =>
            list.Add(new(category, HttpMethod.Post, path, () => JsonContent.Create(body), authorization));

        string[] badIdentity = ["370302199001011234", "37030219900230123X", "3703021990010112", "37030219900101123Y", "370302" + Marker, "' OR 1=1 --"];
        foreach (var identity in badIdentity)
        {
            Add("invalid identity number", "/api/mediation/mediators", new { nodeCode = village, name = Marker, identityNumber = identity, phone = "13700001234" });
            Add("invalid identity number", "/api/enforcement/officers", new { townCode = PlatformFixture.TownCode, department = "安环办", name = Marker, identityNumber = identity });
            Add("invalid identity number", "/api/mediation/cases", new
            {
                source = "WalkIn", villageCode = village, category = "Neighbourhood", summary = Marker, householdCount = 1,
                parties = new[] { new { role = "Applicant", name = Marker, identityNumber = identity } },
            });
        }
        string[] badCredit = ["91370302MA3C1234X0", "91370302MA3C1234", "9137030IMA3C1234XT", "<script>" + Marker];
        foreach (var credit in badCredit)
        {
            Add("invalid credit code", "/api/enforcement/cases", new
            {
                townCode = PlatformFixture.TownCode, department = "安环办", kind = "Inspection", party = new { name = Marker, creditCode = credit },
                legalBasis = Marker, facts = Marker, officerIds = new[] { Guid.NewGuid(), Guid.NewGuid() },
            });
            Add("invalid credit code", "/api/village-review/matters", new
            {
                villageCode = village, kind = "CollectiveEconomicContract", title = Marker,
                contract = new { counterpartyName = Marker, creditCode = credit, amount = 1000, termStart = "2026-01-01", termEnd = "2027-01-01", leasesCollectiveLand = false },
            });
        }
        string[] badCodes = [village + "' OR '1'='1", "<script>alert(1)</script>", "../../etc/passwd", "370302107", "３７０３０２１０７０００", Marker];
        foreach (var code in badCodes)
        {
            Add("SQL or script in a code", "/api/governance/dispute-reports", new { villageCode = code, householdCount = 1, category = "Neighbourhood", summary = Marker });
            Add("SQL or script in a code", "/api/mediation/cases", new { source = "WalkIn", villageCode = code, category = "Neighbourhood", summary = Marker, householdCount = 1 });
        }
        foreach (var category in new object[] { "Gossip", 99, "3", "Neighbourhood'; DROP TABLE dispute_reports;--", "", true, new[] { "Neighbourhood" } })
        {
            Add("unknown enum value", "/api/governance/dispute-reports", new { villageCode = village, householdCount = 1, category, summary = Marker });
        }
        foreach (var count in new object[] { 0, -1, 2_147_483_648L, 1e308, "3", 1.5 })
        {
            Add("number out of range or wrong type", "/api/governance/dispute-reports", new { villageCode = village, householdCount = count, category = "Neighbourhood", summary = Marker });
        }
        foreach (var day in new[] { "0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "yesterday", "2026-01-01T25:00:00Z" })
        {
            Add("date out of range", "/api/education/exams", new { townCode = PlatformFixture.TownCode, kind = "LegalLiteracy", title = Marker, heldOn = day, passMark = 60 });
        }
        Add("huge string", "/api/governance/dispute-reports", new { villageCode = village, householdCount = 1, category = "Neighbourhood", summary = Marker + new string('纠', 100_000) });
        Add("huge string", "/api/mediation/cases", new { source = "WalkIn", villageCode = village, category = "Neighbourhood", summary = Marker + new string('纠', 20_000), householdCount = 1 });
        Add("huge array", "/api/governance/groups", new { villageCode = village, name = Marker, householdIds = Enumerable.Range(0, 5000).Select(_ => Guid.NewGuid()) });

        // Another village's records, with a counsel's token: existence is not even disclosed.
        var (_, otherMatter) = await OtherVillageMatterAsync(ct);
        list.Add(new("another village's id", HttpMethod.Get, $"/api/village-review/matters/{otherMatter}", () => null, "counsel"));
        list.Add(new("another village's id", HttpMethod.Post, $"/api/village-review/matters/{otherMatter}/review",
            () => JsonContent.Create(new { counselId = Guid.NewGuid(), opinion = "Lawful", reasons = Marker }), "counsel"));
        list.Add(new("another village's id", HttpMethod.Get, "/api/village-review/matters?villageCode=" + village, () => null, "counsel"));
        return list;
    }

    private async Task<(string Village, Guid Matter)> OtherVillageMatterAsync(CancellationToken ct)
    {
        var village = TestVillages.NewCode();
        (await platform.Gateway.PutAsJsonAsync("/api/governance/villages", new { villages = new[] { new { code = village, name = "他村", isPilot = false } } }, ct)).EnsureSuccessStatusCode();
        var matter = await Eventually.GetAsync(async () =>
        {
            var response = await platform.Gateway.PostAsJsonAsync("/api/village-review/matters", new { villageCode = village, kind = "VillageRules", title = "村规民约" }, ct);
            return response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid() : Guid.Empty;
        }, id => id != Guid.Empty, TimeSpan.FromSeconds(30), "village known to village review");
        return (village, matter);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
