using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Zaili.EndToEnd.Tests;

/// <summary>Bad input on the flow's endpoints gets a 4xx ProblemDetails through the gateway and writes nothing.</summary>
public sealed class BadInputTests(PlatformFixture platform)
{
    private static readonly (string Name, string Body, HttpStatusCode Expected)[] BadReports =
    [
        ("malformed JSON", """{"villageCode": "VILLAGE", "householdCount": """, HttpStatusCode.BadRequest),
        ("missing fields", "{}", HttpStatusCode.BadRequest),
        ("missing summary", """{"villageCode":"VILLAGE","householdCount":2,"category":"Neighbourhood"}""", HttpStatusCode.BadRequest),
        ("wrong type", """{"villageCode":"VILLAGE","householdCount":"two","category":"Neighbourhood","summary":"争执"}""", HttpStatusCode.BadRequest),
        ("unknown category", """{"villageCode":"VILLAGE","householdCount":2,"category":"Gossip","summary":"争执"}""", HttpStatusCode.BadRequest),
        ("household count out of range", """{"villageCode":"VILLAGE","householdCount":0,"category":"Neighbourhood","summary":"争执"}""", HttpStatusCode.BadRequest),
        ("huge number", """{"villageCode":"VILLAGE","householdCount":99999999999999999999,"category":"Neighbourhood","summary":"争执"}""", HttpStatusCode.BadRequest),
        ("malformed village code", """{"villageCode":"3703'; DROP TABLE villages;--","householdCount":2,"category":"Neighbourhood","summary":"争执"}""", HttpStatusCode.BadRequest),
        ("unknown village", """{"villageCode":"370302107999","householdCount":2,"category":"Neighbourhood","summary":"争执"}""", HttpStatusCode.UnprocessableEntity),
        ("JSON array instead of object", "[]", HttpStatusCode.BadRequest),
    ];

    [Fact]
    public async Task Bad_dispute_reports_get_problem_details_and_write_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var gateway = platform.Gateway;
        var village = await TestVillages.AddAsync(gateway, "东苑社区", ct);

        foreach (var (name, body, expected) in BadReports)
        {
            using var content = new StringContent(body.Replace("VILLAGE", village, StringComparison.Ordinal), Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("application/json"));
            var response = await gateway.PostAsync("/api/governance/dispute-reports", content, ct);

            Assert.True(expected == response.StatusCode, $"{name}: expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct);
            Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        }

        Assert.Empty(await Api.ListReportsAsync(gateway, village, ct));

        // Staff read the reasons: each names its field in Chinese, not by the API's English name.
        var missing = await gateway.PostAsJsonAsync("/api/governance/dispute-reports", new { villageCode = village, householdCount = 0, category = "Neighbourhood" }, ct);
        var reasons = string.Join("；", (await missing.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("errors")
            .EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(message => message.GetString())));
        Assert.Contains("简要情况", reasons);
        Assert.Contains("涉及户数", reasons);
        Assert.DoesNotContain("Summary", reasons);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_at_the_gateway_with_413()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(platform.Gateway, "西河村", ct);
        var summary = new string('纠', 700_000); // about 2 MB of UTF-8

        // The size is declared up front and the body sent only once the gateway agrees to take it (100-continue): the
        // gateway refuses it from the headers, so the client never writes into a connection already closed (a broken pipe).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/governance/dispute-reports")
        {
            Content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
                new { villageCode = village, householdCount = 2, category = "Neighbourhood", summary }))
            {
                Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") },
            },
        };
        request.Headers.ExpectContinue = true;
        var response = await platform.Gateway.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await Api.ListReportsAsync(platform.Gateway, village, ct));
    }

    [Fact]
    public async Task Bad_agreements_are_refused_and_leave_the_case_open()
    {
        var ct = TestContext.Current.CancellationToken;
        var gateway = platform.Gateway;
        var village = await TestVillages.AddAsync(gateway, "北沈村", ct);
        var report = await Api.ReportDisputeAsync(gateway, village, "合同纠纷", ct);
        var disputeCase = (await Eventually.GetAsync(
            () => Api.CasesForReportAsync(gateway, report.Id, ct), cases => cases.Count == 1, TimeSpan.FromSeconds(30), "case opened"))[0];

        var missing = await gateway.PostAsJsonAsync($"/api/mediation/cases/{disputeCase.Id}/agreement", new { }, ct);
        var future = await gateway.PostAsJsonAsync($"/api/mediation/cases/{disputeCase.Id}/agreement",
            new { terms = "协议", signedOn = Zaili.SharedKernel.ChinaTime.DateOf(DateTimeOffset.UtcNow).AddDays(3) }, ct);
        var unknown = await gateway.PostAsJsonAsync($"/api/mediation/cases/{Guid.NewGuid()}/agreement",
            new { terms = "协议", signedOn = Zaili.SharedKernel.ChinaTime.DateOf(DateTimeOffset.UtcNow) }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var after = Assert.Single(await Api.CasesForReportAsync(gateway, report.Id, ct));
        Assert.Equal("Open", after.Status);
    }

    [Fact]
    public async Task Unknown_routes_are_problem_details_from_the_gateway()
    {
        var response = await platform.Gateway.GetAsync("/api/nowhere", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
