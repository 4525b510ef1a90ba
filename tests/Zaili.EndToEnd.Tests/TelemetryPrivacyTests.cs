using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// Identity and phone numbers never leave their service in logs or traces: what every service exported over
/// OTLP during real work with personal data (registering a mediator, a case with a party, an officer, a
/// refused duplicate) is searched for the numbers, after it is shown to contain that work's own records; and
/// every table of every service database is searched for them too (encryption at rest).
/// </summary>
public sealed class TelemetryPrivacyTests(PlatformFixture platform)
{
    [Fact]
    public async Task No_identity_or_phone_number_reaches_logs_or_traces()
    {
        var ct = TestContext.Current.CancellationToken;
        var gateway = platform.Gateway;
        var village = await TestVillages.AddAsync(gateway, "隐私村", ct);
        var mediatorIdentity = IdentityNumbers.Next();
        var partyIdentity = IdentityNumbers.Next();
        var officerIdentity = IdentityNumbers.Next();
        const string phone = "13912345678";

        var mediator = await gateway.PostAsJsonAsync("/api/mediation/mediators", new { nodeCode = village, name = "隐私调解员", identityNumber = mediatorIdentity, phone }, ct);
        Assert.Equal(HttpStatusCode.Created, mediator.StatusCode);
        // The same person again: refused, and the refusal names the person only masked.
        var duplicate = await gateway.PostAsJsonAsync("/api/mediation/mediators", new { nodeCode = village, name = "隐私调解员", identityNumber = mediatorIdentity, phone }, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.DoesNotContain(mediatorIdentity, await duplicate.Content.ReadAsStringAsync(ct));

        var opened = await gateway.PostAsJsonAsync("/api/mediation/cases", new
        {
            source = "WalkIn", villageCode = village, category = "Contract", summary = "买卖合同纠纷", householdCount = 1,
            parties = new[] { new { role = "Applicant", name = "隐私申请人", identityNumber = partyIdentity } },
        }, ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
        var detail = await gateway.GetStringAsync($"/api/mediation/cases/{caseId}", ct);
        Assert.DoesNotContain(partyIdentity, detail);

        var officer = await gateway.PostAsJsonAsync("/api/enforcement/officers", new { townCode = PlatformFixture.TownCode, department = "卫健办", name = "隐私执法员", identityNumber = officerIdentity }, ct);
        Assert.Equal(HttpStatusCode.Created, officer.StatusCode);

        // The capture works: the requests above are in it (the case's id travels in the path of the GET's spans).
        await Eventually.GetAsync(() => Task.FromResult(platform.Telemetry.SignalsContaining(caseId).Contains("v1/traces")),
            seen => seen, TimeSpan.FromSeconds(30), $"the services' spans for this test exported over OTLP ({platform.Telemetry.Exports} exports so far: {platform.Telemetry.Describe()})");
        await Task.Delay(TimeSpan.FromSeconds(2), ct);

        foreach (var (what, value) in new[] { ("mediator's identity number", mediatorIdentity), ("party's identity number", partyIdentity), ("officer's identity number", officerIdentity), ("phone number", phone) })
        {
            var leaks = platform.Telemetry.SignalsContaining(value);
            Assert.True(leaks.Count == 0, $"the {what} reached {string.Join(", ", leaks)} ({platform.Telemetry.Exports} exports searched)");
            // Encrypted at rest: no table of any service holds it in plain text (events included: the outbox is a table).
            var stored = await DatabaseSearch.TablesContainingAsync(platform, value, ct);
            Assert.True(stored.Count == 0, $"the {what} is stored in plain text in {string.Join(", ", stored)}");
        }
    }
}
