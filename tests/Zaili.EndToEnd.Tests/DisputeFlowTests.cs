using System.Net;
using System.Net.Http.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// The first cross-service flow, through the gateway: a 十户长 reports a dispute in governance →
/// DisputeReported → mediation opens a case at the village's node → a mediator records an agreement →
/// DisputeResolved → governance shows the report resolved with the outcome.
/// </summary>
public sealed class DisputeFlowTests(PlatformFixture platform)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_reported_dispute_is_mediated_and_governance_sees_how_it_ended()
    {
        var ct = TestContext.Current.CancellationToken;
        var gateway = platform.Gateway;
        var village = await TestVillages.AddAsync(gateway, "袁家村", ct);

        var report = await Api.ReportDisputeAsync(gateway, village, "两户因排水沟堵塞发生争执", ct);
        Assert.Equal("Reported", report.Status);

        var inMediation = await Eventually.GetAsync(
            () => Api.GetReportAsync(gateway, report.Id, ct), r => r.Status == "InMediation", EventTimeout, "report taken up by mediation");
        var disputeCase = Assert.Single(await Api.CasesForReportAsync(gateway, report.Id, ct));
        Assert.Equal(disputeCase.Id, inMediation.MediationCaseId);
        Assert.Equal(village, disputeCase.NodeCode);
        Assert.Equal("Village", disputeCase.Level);
        Assert.Equal("Open", disputeCase.Status);

        var agreement = await gateway.PostAsJsonAsync($"/api/mediation/cases/{disputeCase.Id}/agreement",
            new { terms = "双方同意共同清理排水沟，费用各半", signedOn = Zaili.SharedKernel.ChinaTime.DateOf(DateTimeOffset.UtcNow) }, ct);
        Assert.Equal(HttpStatusCode.OK, agreement.StatusCode);

        var resolved = await Eventually.GetAsync(
            () => Api.GetReportAsync(gateway, report.Id, ct), r => r.Status == "Resolved", EventTimeout, "report resolved");
        Assert.Equal("双方同意共同清理排水沟，费用各半", resolved.Outcome);
        Assert.Equal("Village", resolved.MediationLevel);
        Assert.Equal(disputeCase.Id, resolved.MediationCaseId);
    }

    [Fact]
    public async Task A_village_outside_the_network_is_taken_up_by_the_towns_centre()
    {
        var ct = TestContext.Current.CancellationToken;
        var gateway = platform.Gateway;
        var village = TestVillages.NewCode();
        (await gateway.PutAsJsonAsync("/api/governance/villages", new { villages = new[] { new { code = village, name = "西周村", isPilot = false } } }, ct))
            .EnsureSuccessStatusCode();

        var report = await Api.ReportDisputeAsync(gateway, village, "土地承包边界争议", ct);

        var inMediation = await Eventually.GetAsync(
            () => Api.GetReportAsync(gateway, report.Id, ct), r => r.Status == "InMediation", EventTimeout, "report taken up by the town");
        Assert.Equal(PlatformFixture.TownCode, inMediation.MediationNode);
        Assert.Equal("Town", inMediation.MediationLevel);
    }

    [Fact]
    public async Task A_second_agreement_on_a_resolved_case_is_a_conflict_naming_the_allowed_transitions()
    {
        var ct = TestContext.Current.CancellationToken;
        var gateway = platform.Gateway;
        var village = await TestVillages.AddAsync(gateway, "朱水湾村", ct);
        var report = await Api.ReportDisputeAsync(gateway, village, "邻里噪音纠纷", ct);
        var disputeCase = (await Eventually.GetAsync(
            () => Api.CasesForReportAsync(gateway, report.Id, ct), cases => cases.Count == 1, EventTimeout, "case opened"))[0];
        var today = Zaili.SharedKernel.ChinaTime.DateOf(DateTimeOffset.UtcNow);
        (await gateway.PostAsJsonAsync($"/api/mediation/cases/{disputeCase.Id}/agreement", new { terms = "协议一", signedOn = today }, ct))
            .EnsureSuccessStatusCode();

        var second = await gateway.PostAsJsonAsync($"/api/mediation/cases/{disputeCase.Id}/agreement", new { terms = "协议二", signedOn = today }, ct);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var problem = await second.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct);
        Assert.Equal("Resolved", problem.GetProperty("currentState").GetString());
        Assert.Equal(["RecordFollowUp"], problem.GetProperty("allowedTransitions").EnumerateArray().Select(a => a.GetString()));
    }
}
