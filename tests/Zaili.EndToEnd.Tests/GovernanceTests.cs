using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>十户长+ through the gateway: households, groups, heads, visits, warnings, appeals, figures.</summary>
public sealed class GovernanceTests(PlatformFixture platform)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);
    private static string Today => Zaili.SharedKernel.ChinaTime.DateOf(DateTimeOffset.UtcNow).ToString("O");

    private HttpClient Gateway => platform.Gateway;

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object body, HttpStatusCode expected, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        var response = await Gateway.SendAsync(request, ct);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {expected}, got {response.StatusCode}: {json}");
        return json;
    }

    private Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, expected, ct);

    /// <summary>A village with households imported from CSV; returns their ids in address order.</summary>
    private async Task<(string Village, List<Guid> Households)> VillageWithHouseholdsAsync(string name, int count, CancellationToken ct)
    {
        var village = await TestVillages.AddAsync(Gateway, name, ct);
        var csv = new StringBuilder("villageCode,householderName,address,memberCount,contactPhone\n");
        for (var i = 1; i <= count; i++)
        {
            csv.Append($"{village},户主{i:D2},{name}{i:D2}号,{i % 5 + 1},1390000{i:D4}\n");
        }
        using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        var imported = await Gateway.PutAsync("/api/governance/households/csv", content, ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var households = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/governance/households?villageCode={village}", ct);
        Assert.All(households!, h => Assert.Matches(@"^139\*{4}\d{4}$", h.GetProperty("contactMasked").GetString()!));
        return (village, households!.Select(h => h.GetProperty("id").GetGuid()).ToList());
    }

    [Fact]
    public async Task A_head_chosen_by_vote_visits_raises_a_dispute_warning_and_sees_mediation_resolve_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var (village, households) = await VillageWithHouseholdsAsync("袁家村", 12, ct);
        var groupHouseholds = households.Take(10).ToList();

        var group = await PostAsync("/api/governance/groups", new { villageCode = village, name = "第一十联户组", householdIds = groupHouseholds }, HttpStatusCode.Created, ct);
        var groupId = group.GetProperty("id").GetGuid();
        var election = await PostAsync($"/api/governance/groups/{groupId}/election", new
        {
            candidates = new[] { new { householdId = groupHouseholds[0], name = "王建国" }, new { householdId = groupHouseholds[1], name = "李秀英" } },
            votes = groupHouseholds.Take(7).Select((voter, i) => new { voterHouseholdId = voter, candidateHouseholdId = i < 5 ? groupHouseholds[0] : groupHouseholds[1] }),
        }, HttpStatusCode.OK, ct);
        Assert.Equal("王建国", election.GetProperty("winnerName").GetString());
        Assert.Equal(7, election.GetProperty("turnout").GetInt32());

        await PostAsync($"/api/governance/groups/{groupId}/visits", new { householdId = groupHouseholds[4], visitedOn = Today, findings = "了解到两户因宅基地边界争吵" }, HttpStatusCode.Created, ct);
        await PostAsync($"/api/governance/groups/{groupId}/visits", new { householdId = groupHouseholds[5], visitedOn = Today, findings = "家中老人身体良好" }, HttpStatusCode.Created, ct);
        await PostAsync($"/api/governance/groups/{groupId}/visits", new { householdId = households[11], visitedOn = Today, findings = "越组走访" }, HttpStatusCode.UnprocessableEntity, ct);
        var visits = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/governance/groups/{groupId}/visits", ct);
        Assert.Equal(2, visits!.Length);

        var warning = await PostAsync("/api/governance/warnings", new
        {
            villageCode = village, groupId, category = "DisputeRisk", severity = 3,
            householdIds = new[] { groupHouseholds[4], groupHouseholds[5] }, description = "两户宅基地边界争吵升级，有动手苗头",
        }, HttpStatusCode.Created, ct);
        var reportId = warning.GetProperty("disputeReportId").GetGuid();
        var listed = Assert.Single(await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/governance/warnings?villageCode={village}", ct) ?? []);
        Assert.Equal(reportId, listed.GetProperty("disputeReportId").GetGuid());

        var disputeCase = (await Eventually.GetAsync(() => Api.CasesForReportAsync(Gateway, reportId, ct), c => c.Count == 1, EventTimeout, "mediation took up the warning"))[0];
        await PostAsync($"/api/mediation/cases/{disputeCase.Id}/agreement", new { terms = "以村委会测绘为准，重立界桩", signedOn = Today }, HttpStatusCode.OK, ct);

        var resolved = await Eventually.GetAsync(() => Api.GetReportAsync(Gateway, reportId, ct), r => r.Status == "Resolved", EventTimeout, "governance sees it resolved");
        Assert.Equal("以村委会测绘为准，重立界桩", resolved.Outcome);

        var figures = await Gateway.GetFromJsonAsync<JsonElement>($"/api/governance/figures?townCode={PlatformFixture.TownCode}&from={Today}&to={Today}", ct);
        var row = figures.GetProperty("villages").EnumerateArray().Single(v => v.GetProperty("villageCode").GetString() == village);
        Assert.Equal((1, 1, 2, 1, 1, 1, 1), (
            row.GetProperty("groups").GetInt32(), row.GetProperty("groupsWithHead").GetInt32(), row.GetProperty("visits").GetInt32(),
            row.GetProperty("warnings").GetInt32(), row.GetProperty("highSeverityWarnings").GetInt32(),
            row.GetProperty("disputesReported").GetInt32(), row.GetProperty("disputesResolvedByMediation").GetInt32()));
    }

    [Fact]
    public async Task Appeals_are_tracked_to_solved_and_local_disputes_are_counted()
    {
        var ct = TestContext.Current.CancellationToken;
        var (village, households) = await VillageWithHouseholdsAsync("东苑社区", 5, ct);

        var appeal = await PostAsync("/api/governance/appeals", new { villageCode = village, householdId = households[0], need = "独居老人需要代购药品" }, HttpStatusCode.Created, ct);
        var id = appeal.GetProperty("id").GetString();
        await PostAsync($"/api/governance/appeals/{id}/resolution", new { solved = true, resolution = "已解决" }, HttpStatusCode.Conflict, ct);
        await PostAsync($"/api/governance/appeals/{id}/assignment", new { department = "卫健办" }, HttpStatusCode.OK, ct);
        var solved = await PostAsync($"/api/governance/appeals/{id}/resolution", new { solved = true, resolution = "卫健办安排家庭医生每周送药" }, HttpStatusCode.OK, ct);
        Assert.Equal("Solved", solved.GetProperty("status").GetString());
        var answered = await PostAsync("/api/governance/appeals", new { villageCode = village, need = "希望修建篮球场" }, HttpStatusCode.Created, ct);
        await PostAsync($"/api/governance/appeals/{answered.GetProperty("id").GetString()}/assignment", new { department = "党政办" }, HttpStatusCode.OK, ct);
        await PostAsync($"/api/governance/appeals/{answered.GetProperty("id").GetString()}/resolution", new { solved = false, resolution = "已纳入明年计划，答复群众" }, HttpStatusCode.OK, ct);

        await PostAsync("/api/governance/dispute-reports/local",
            new { villageCode = village, householdCount = 2, category = "Neighbourhood", summary = "晾衣占道", result = "十户长调解，双方互谅" }, HttpStatusCode.Created, ct);

        var figures = await Gateway.GetFromJsonAsync<JsonElement>($"/api/governance/figures?townCode={PlatformFixture.TownCode}&from={Today}&to={Today}", ct);
        var row = figures.GetProperty("villages").EnumerateArray().Single(v => v.GetProperty("villageCode").GetString() == village);
        Assert.Equal((2, 1, 1, 1, 0), (
            row.GetProperty("appealsCollected").GetInt32(), row.GetProperty("appealsSolved").GetInt32(), row.GetProperty("appealsAnswered").GetInt32(),
            row.GetProperty("disputesHandledLocally").GetInt32(), row.GetProperty("disputesReported").GetInt32()));
        Assert.True(figures.GetProperty("total").GetProperty("appealsSolved").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_ten_household_head_sees_and_works_only_their_own_group()
    {
        var ct = TestContext.Current.CancellationToken;
        var (village, households) = await VillageWithHouseholdsAsync("西周村", 12, ct);
        var (otherVillage, _) = await VillageWithHouseholdsAsync("朱水湾村", 1, ct);
        var ours = (await PostAsync("/api/governance/groups", new { villageCode = village, name = "第一组", householdIds = households.Take(6) }, HttpStatusCode.Created, ct)).GetProperty("id").GetGuid();
        var theirs = (await PostAsync("/api/governance/groups", new { villageCode = village, name = "第二组", householdIds = households.Skip(6) }, HttpStatusCode.Created, ct)).GetProperty("id").GetGuid();
        var officeReport = await Api.ReportDisputeAsync(Gateway, village, "综治中心登记的纠纷", ct);
        await PostAsync($"/api/governance/groups/{ours}/election", new
        {
            candidates = new[] { new { householdId = households[0], name = "赵组长" } },
            votes = households.Take(4).Select(voter => new { voterHouseholdId = voter, candidateHouseholdId = households[0] }),
        }, HttpStatusCode.OK, ct);

        using var head = await StaffAccounts.SignInAsNewAsync(platform, "HouseholdHead", ct, householdGroup: ours.ToString());
        var client = head.Client;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/governance/groups/{ours}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/governance/groups/{theirs}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/governance/groups/{theirs}/visits", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/governance/groups/{theirs}/visits",
            new { householdId = households[7], visitedOn = Today, findings = "越组走访" }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/governance/groups/{ours}/visits",
            new { householdId = households[1], visitedOn = Today, findings = "本组走访" }, ct)).StatusCode);
        var groups = (await client.GetFromJsonAsync<JsonElement[]>($"/api/governance/groups?villageCode={village}", ct))!;
        Assert.Equal([ours], groups.Select(g => g.GetProperty("id").GetGuid()));
        var seen = (await client.GetFromJsonAsync<JsonElement[]>($"/api/governance/households?villageCode={village}", ct))!;
        Assert.Equal(households.Take(6).Order(), seen.Select(h => h.GetProperty("id").GetGuid()).Order());
        // The head calls the households of the group: their phones are whole to them (stored encrypted).
        Assert.All(seen, h => Assert.Matches(@"^1390000\d{4}$", h.GetProperty("contact").GetString()!));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/governance/warnings", new
        {
            villageCode = village, groupId = theirs, category = "SafetyHazard", severity = 1, description = "别组的隐患",
        }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/governance/warnings", new
        {
            villageCode = village, groupId = ours, category = "SafetyHazard", severity = 1, description = "本组电线老化",
        }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/governance/appeals", new { villageCode = village, householdId = households[8], need = "别组住户的诉求" }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/governance/appeals", new { villageCode = village, householdId = households[2], need = "本组住户需要法律咨询" }, ct)).StatusCode);
        var appeals = (await client.GetFromJsonAsync<JsonElement[]>($"/api/governance/appeals?villageCode={village}", ct))!;
        Assert.All(appeals, a => Assert.Equal(households[2], a.GetProperty("householdId").GetGuid()));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/governance/dispute-reports",
            new { villageCode = otherVillage, householdCount = 2, category = "Neighbourhood", summary = "外村纠纷" }, ct)).StatusCode);
        var own = await client.PostAsJsonAsync("/api/governance/dispute-reports", new { villageCode = village, householdCount = 2, category = "Neighbourhood", summary = "本组邻里纠纷" }, ct);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var ownId = (await own.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/governance/dispute-reports/{officeReport.Id}", ct)).StatusCode);
        var reports = (await client.GetFromJsonAsync<JsonElement[]>($"/api/governance/dispute-reports?villageCode={village}", ct))!;
        Assert.Equal([ownId], reports.Select(r => r.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Bad_governance_input_is_refused_and_writes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (village, households) = await VillageWithHouseholdsAsync("西周村", 16, ct);

        await PostAsync("/api/governance/groups", new { villageCode = village, name = "小组", householdIds = households.Take(4) }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync("/api/governance/groups", new { villageCode = village, name = "大组", householdIds = households }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync("/api/governance/groups", new { villageCode = village, name = "虚组", householdIds = households.Take(5).Append(Guid.NewGuid()) }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync("/api/governance/groups", new { villageCode = village, name = "空组" }, HttpStatusCode.BadRequest, ct);

        var group = await PostAsync("/api/governance/groups", new { villageCode = village, name = "第一组", householdIds = households.Take(8) }, HttpStatusCode.Created, ct);
        var groupId = group.GetProperty("id").GetGuid();
        await PostAsync("/api/governance/groups", new { villageCode = village, name = "第二组", householdIds = households.Skip(6).Take(6) }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync($"/api/governance/groups/{groupId}/visits", new { householdId = households[1], visitedOn = Today, findings = "无头" }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync($"/api/governance/groups/{groupId}/election", new
        {
            candidates = new[] { new { householdId = households[12], name = "外组人" } },
            votes = households.Take(5).Select(v => new { voterHouseholdId = v, candidateHouseholdId = households[12] }),
        }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync($"/api/governance/groups/{groupId}/election", new
        {
            candidates = new[] { new { householdId = households[0], name = "户主01" } },
            votes = households.Take(5).Select(v => new { voterHouseholdId = v, candidateHouseholdId = households[0] }),
        }, HttpStatusCode.OK, ct);
        await PostAsync($"/api/governance/groups/{groupId}/election", new
        {
            candidates = new[] { new { householdId = households[1], name = "户主02" } },
            votes = households.Take(5).Select(v => new { voterHouseholdId = v, candidateHouseholdId = households[1] }),
        }, HttpStatusCode.Conflict, ct);

        await PostAsync("/api/governance/warnings", new { villageCode = village, category = "DisputeRisk", severity = 5, description = "过高" }, HttpStatusCode.BadRequest, ct);
        await PostAsync("/api/governance/warnings", new { villageCode = village, category = "Gossip", severity = 1, description = "未知类别" }, HttpStatusCode.BadRequest, ct);
        await PostAsync("/api/governance/warnings", new { villageCode = "370302107999", category = "Other", severity = 1, description = "未知村" }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync("/api/governance/households", new { villageCode = village, householderName = "某", address = "某地1号", memberCount = 2, contactPhone = "1234567" }, HttpStatusCode.UnprocessableEntity, ct);
        using var badCsv = new StringContent("villageCode,householderName,address,memberCount,contactPhone\n" + village + ",张三,1号,两,13900000000\n", Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Gateway.PutAsync("/api/governance/households/csv", badCsv, ct)).StatusCode);

        Assert.Single(await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/governance/groups?villageCode={village}", ct) ?? []);
        Assert.Equal(16, (await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/governance/households?villageCode={village}", ct))!.Length);
        Assert.Equal(8, (await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/governance/households?villageCode={village}&grouped=false", ct))!.Length);
        Assert.Empty(await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/governance/warnings?villageCode={village}", ct) ?? []);
        var stored = await Gateway.GetFromJsonAsync<JsonElement>($"/api/governance/groups/{groupId}", ct);
        Assert.Equal("户主01", stored.GetProperty("headName").GetString());
    }
}
