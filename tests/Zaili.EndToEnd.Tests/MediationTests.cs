using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Zaili.EndToEnd.Tests;

/// <summary>The mediation service's operations through the gateway, from intake to follow-up.</summary>
public sealed class MediationTests(PlatformFixture platform)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);
    private static string Now => DateTimeOffset.UtcNow.ToString("O");
    private static string Today => Zaili.SharedKernel.ChinaTime.DateOf(DateTimeOffset.UtcNow).ToString("O");

    private HttpClient Gateway => platform.Gateway;

    private async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected, CancellationToken ct)
    {
        var response = await Gateway.PostAsJsonAsync(path, body, ct);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(response.StatusCode == expected, $"POST {path}: expected {expected}, got {response.StatusCode}: {json}");
        return json;
    }

    [Fact]
    public async Task A_report_escalated_from_village_to_section_is_resolved_there_and_governance_sees_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(Gateway, "罗家村", ct);
        var report = await Api.ReportDisputeAsync(Gateway, village, "相邻通行纠纷", ct);
        var opened = (await Eventually.GetAsync(() => Api.CasesForReportAsync(Gateway, report.Id, ct), c => c.Count == 1, EventTimeout, "case opened"))[0];
        Assert.Equal("Village", opened.Level);

        await PostAsync($"/api/mediation/cases/{opened.Id}/sessions", new { heldAt = Now, notes = "村调委会第一次调解，未达成一致" }, HttpStatusCode.OK, ct);
        var escalated = await PostAsync($"/api/mediation/cases/{opened.Id}/escalation", new { reason = "村调委会调解未果" }, HttpStatusCode.OK, ct);
        Assert.Equal("PQ-01", escalated.GetProperty("nodeCode").GetString());
        Assert.Equal("Section", escalated.GetProperty("level").GetString());
        await Eventually.GetAsync(() => Api.GetReportAsync(Gateway, report.Id, ct), r => r.MediationLevel == "Section", EventTimeout, "governance sees the escalation");

        await PostAsync($"/api/mediation/cases/{opened.Id}/hearings",
            new { heldAt = Now, participants = new[] { "张某", "王某" }, witnesses = new[] { "村民代表刘某" }, findings = "通道属两户共用" }, HttpStatusCode.OK, ct);
        await PostAsync($"/api/mediation/cases/{opened.Id}/agreement", new { terms = "通道保持畅通，两户共同维护", signedOn = Today }, HttpStatusCode.OK, ct);

        var resolved = await Eventually.GetAsync(() => Api.GetReportAsync(Gateway, report.Id, ct), r => r.Status == "Resolved", EventTimeout, "governance sees the agreement");
        Assert.Equal("Section", resolved.MediationLevel);
        Assert.Equal("通道保持畅通，两户共同维护", resolved.Outcome);

        await PostAsync($"/api/mediation/cases/{opened.Id}/follow-up", new { visitedAt = Now, agreementHeld = true, notes = "回访：协议履行良好" }, HttpStatusCode.OK, ct);
        var detail = await Gateway.GetFromJsonAsync<JsonElement>($"/api/mediation/cases/{opened.Id}", ct);
        Assert.Equal("FollowedUp", detail.GetProperty("case").GetProperty("status").GetString());
        var kinds = detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToArray();
        Assert.Equal(["Opened", "Session", "Escalated", "Hearing", "AgreementRecorded", "FollowUp"], kinds);
    }

    [Fact]
    public async Task A_walk_in_case_climbs_to_the_town_and_is_referred_out_but_never_above_the_town()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(Gateway, "峨庄村", ct);
        var opened = await PostAsync("/api/mediation/cases", new
        {
            source = "WalkIn",
            villageCode = village,
            category = "Labour",
            summary = "务工工资拖欠",
            householdCount = 1,
            parties = new object[]
            {
                new { role = "Applicant", name = "张某", identityNumber = "11010519491231002X" },
                new { role = "Respondent", name = "某建筑公司" },
            },
        }, HttpStatusCode.Created, ct);
        var id = opened.GetProperty("id").GetString();

        await PostAsync($"/api/mediation/cases/{id}/escalation", new { reason = "村级未果" }, HttpStatusCode.OK, ct);
        await PostAsync($"/api/mediation/cases/{id}/escalation", new { reason = "片区未果" }, HttpStatusCode.OK, ct);
        var early = await PostAsync($"/api/mediation/cases/{id}/referral", new { destination = "Arbitration", reason = "申请劳动仲裁" }, HttpStatusCode.Conflict, ct);
        Assert.Contains("Escalate", early.GetProperty("allowedTransitions").EnumerateArray().Select(a => a.GetString()));
        var atTown = await PostAsync($"/api/mediation/cases/{id}/escalation", new { reason = "管区未果" }, HttpStatusCode.OK, ct);
        Assert.Equal("Town", atTown.GetProperty("level").GetString());

        var above = await PostAsync($"/api/mediation/cases/{id}/escalation", new { reason = "再上交" }, HttpStatusCode.Conflict, ct);
        Assert.Contains("ReferOut", above.GetProperty("allowedTransitions").EnumerateArray().Select(a => a.GetString()));
        await PostAsync($"/api/mediation/cases/{id}/referral", new { destination = "Arbitration", reason = "申请劳动仲裁" }, HttpStatusCode.OK, ct);
        var agreement = await PostAsync($"/api/mediation/cases/{id}/agreement", new { terms = "协议", signedOn = Today }, HttpStatusCode.Conflict, ct);
        Assert.Equal("ReferredOut", agreement.GetProperty("currentState").GetString());

        var detail = await Gateway.GetFromJsonAsync<JsonElement>($"/api/mediation/cases/{id}", ct);
        var applicant = detail.GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("role").GetString() == "Applicant");
        Assert.Equal("1101**********002X", applicant.GetProperty("identityMasked").GetString());
        Assert.DoesNotContain("11010519491231002X", detail.ToString());
    }

    [Fact]
    public async Task A_node_s_cases_are_paged_and_sorted_on_the_server()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(Gateway, "排序村", ct);
        var opened = new List<string>();
        foreach (var summary in new[] { "第一起纠纷", "第二起纠纷", "第三起纠纷" })
        {
            opened.Add((await PostAsync("/api/mediation/cases", new { source = "WalkIn", villageCode = village, category = "Neighbourhood", summary }, HttpStatusCode.Created, ct))
                .GetProperty("id").GetString()!);
        }
        async Task<List<string>> PageAsync(string query) =>
            (await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/cases?nodeCode={village}&{query}", ct))!.Select(c => c.GetProperty("id").GetString()!).ToList();

        Assert.Equal(opened, await PageAsync("sort=Oldest"));
        Assert.Equal(Enumerable.Reverse(opened), await PageAsync("sort=Newest"));
        Assert.Equal(opened.Skip(1).Take(1), await PageAsync("sort=Oldest&limit=1&offset=1"));
        var refused = await Gateway.GetAsync($"/api/mediation/cases?nodeCode={village}&sort=Sideways", ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("参数 排序（sort）的取值无效", (await refused.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Identity_numbers_are_encrypted_at_rest()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(Gateway, "淄河村", ct);
        var created = await PostAsync("/api/mediation/cases", new
        {
            source = "PoliceReferral", villageCode = village, category = "DamageCompensation", summary = "车辆剐蹭赔偿", householdCount = 2,
            parties = new[] { new { role = "Applicant", name = "赵某", identityNumber = "440524188001010014" } },
        }, HttpStatusCode.Created, ct);

        await using var db = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Mediation)));
        await using var connection = await db.OpenConnectionAsync(ct);
        var stored = await connection.QuerySingleAsync<(byte[] Cipher, string Masked)>(
            "SELECT identity_cipher, identity_masked FROM case_parties WHERE case_id = @id", new { id = Guid.Parse(created.GetProperty("id").GetString()!) });
        Assert.Equal("4405**********0014", stored.Masked);
        Assert.DoesNotContain("440524188001010014", Encoding.UTF8.GetString(stored.Cipher));
        Assert.Equal(12 + 16 + 18, stored.Cipher.Length); // nonce, tag, ciphertext
    }

    [Fact]
    public async Task Mediators_are_registered_graded_and_published_with_masked_phones()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(Gateway, "土泉村", ct);
        var mediator = await PostAsync("/api/mediation/mediators",
            new { nodeCode = village, name = "孙调解", identityNumber = IdentityNumbers.Next(), phone = "13700001234", grade = "Fourth" }, HttpStatusCode.Created, ct);
        var id = mediator.GetProperty("id").GetString();
        Assert.Matches(@"^\d{4}\*{10}\w{4}$", mediator.GetProperty("identityNumber").GetString()!);

        await PostAsync($"/api/mediation/mediators/{id}/trainings", new { heldOn = Today, title = "人民调解员培训班", hours = 6 }, HttpStatusCode.Created, ct);
        var application = await PostAsync($"/api/mediation/mediators/{id}/grade-applications", new { requestedGrade = "Third" }, HttpStatusCode.Created, ct);
        await PostAsync($"/api/mediation/mediators/{id}/grade-applications", new { requestedGrade = "Second" }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync($"/api/mediation/grade-applications/{application.GetProperty("id").GetString()}/evaluation", new { granted = false }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync($"/api/mediation/grade-applications/{application.GetProperty("id").GetString()}/evaluation", new { granted = true }, HttpStatusCode.OK, ct);

        var published = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/public/mediators?nodeCode={village}", ct);
        var entry = Assert.Single(published!);
        Assert.Equal("Third", entry.GetProperty("grade").GetString());
        Assert.Equal("137****1234", entry.GetProperty("phone").GetString());
        Assert.False(entry.TryGetProperty("identityNumber", out _));
    }

    [Fact]
    public async Task Bad_mediation_input_is_refused_and_writes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(Gateway, "池板村", ct);

        var badIdentity = await PostAsync("/api/mediation/mediators",
            new { nodeCode = village, name = "周调解", identityNumber = "110105194912310021", phone = "13700001234" }, HttpStatusCode.BadRequest, ct);
        Assert.True(badIdentity.GetProperty("errors").TryGetProperty("IdentityNumber", out _));
        await PostAsync("/api/mediation/mediators",
            new { nodeCode = "NO-SUCH-NODE", name = "周调解", identityNumber = IdentityNumbers.Next(), phone = "13700001234" }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync("/api/mediation/cases",
            new { source = "WalkIn", villageCode = "370302108201", category = "Other", summary = "外镇纠纷" }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync("/api/mediation/cases",
            new { source = "WalkIn", villageCode = village, category = "Other", summary = "纠纷", parties = new[] { new { role = "Applicant", name = "某", identityNumber = "123" } } },
            HttpStatusCode.BadRequest, ct);
        await PostAsync("/api/mediation/cases",
            new { source = "TenHouseholdReport", villageCode = village, category = "Other", summary = "纠纷" }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync("/api/mediation/cases", new { source = "Rumour", villageCode = village, category = "Other", summary = "纠纷" }, HttpStatusCode.BadRequest, ct);

        Assert.Empty(await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/mediators?nodeCode={village}", ct) ?? []);
        Assert.Empty(await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/cases?nodeCode={village}", ct) ?? []);
    }

    [Fact]
    public async Task Bad_case_operations_are_refused_and_the_timeline_stays_as_it_was()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(Gateway, "口头村", ct);
        var created = await PostAsync("/api/mediation/cases",
            new { source = "WalkIn", villageCode = village, category = "Neighbourhood", summary = "噪音纠纷" }, HttpStatusCode.Created, ct);
        var id = created.GetProperty("id").GetString();
        var future = DateTimeOffset.UtcNow.AddDays(2).ToString("O");

        await PostAsync($"/api/mediation/cases/{id}/sessions", new { notes = "记录" }, HttpStatusCode.BadRequest, ct);
        await PostAsync($"/api/mediation/cases/{id}/sessions", new { heldAt = future, notes = "记录" }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync($"/api/mediation/cases/{id}/hearings", new { heldAt = Now, participants = Array.Empty<string>(), findings = "意见" }, HttpStatusCode.BadRequest, ct);
        await PostAsync($"/api/mediation/cases/{id}/mediators", new { mediatorId = Guid.NewGuid() }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync($"/api/mediation/cases/{id}/follow-up", new { visitedAt = Now, agreementHeld = true, notes = "回访" }, HttpStatusCode.Conflict, ct);
        await PostAsync($"/api/mediation/cases/{id}/escalation", new { }, HttpStatusCode.BadRequest, ct);
        await PostAsync($"/api/mediation/cases/{Guid.NewGuid()}/sessions", new { heldAt = Now, notes = "记录" }, HttpStatusCode.NotFound, ct);

        var detail = await Gateway.GetFromJsonAsync<JsonElement>($"/api/mediation/cases/{id}", ct);
        Assert.Equal(["Opened"], detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("Open", detail.GetProperty("case").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cases_are_listed_by_node_with_everything_below_it_and_counted_for_the_report()
    {
        var ct = TestContext.Current.CancellationToken;
        // A town of its own, so cases of tests running alongside do not move its figures.
        var town = "3703021" + Random.Shared.Next(50, 99) + "000";
        var village = town[..9] + "201";
        (await Gateway.PutAsJsonAsync("/api/mediation/network", new
        {
            nodes = new object[]
            {
                new { code = town, name = "统计测试镇调解中心", level = "Town" },
                new { code = "GQ-" + town, name = "管区", level = "ManagementArea", parentCode = town },
                new { code = "PQ-" + town, name = "片区", level = "Section", parentCode = "GQ-" + town },
                new { code = village, name = "西股村调委会", level = "Village", parentCode = "PQ-" + town },
            },
        }, ct)).EnsureSuccessStatusCode();
        var created = await PostAsync("/api/mediation/cases",
            new { source = "WalkIn", villageCode = village, category = "Homestead", summary = "宅基地界址", householdCount = 2 }, HttpStatusCode.Created, ct);
        var id = created.GetProperty("id").GetString();
        var before = await Gateway.GetFromJsonAsync<JsonElement>($"/api/mediation/statistics?townCode={town}&from={Today}&to={Today}", ct);
        Assert.Equal(1, before.GetProperty("openNow").GetInt32());

        var underTown = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/cases?nodeCode={town}&category=Homestead&status=Open&limit=500", ct);
        Assert.Contains(underTown!, c => c.GetProperty("id").GetString() == id);
        var overdue = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/cases?nodeCode={village}&overdue=true", ct);
        Assert.Empty(overdue!);

        await PostAsync($"/api/mediation/cases/{id}/agreement", new { terms = "界址以村委会测量为准", signedOn = Today }, HttpStatusCode.OK, ct);
        var after = await Gateway.GetFromJsonAsync<JsonElement>($"/api/mediation/statistics?townCode={town}&from={Today}&to={Today}", ct);

        Assert.Equal(0, before.GetProperty("resolved").GetInt32());
        Assert.Equal(1, after.GetProperty("resolved").GetInt32());
        Assert.Equal(1, Count(after, "resolvedByLevel", "Village"));
        Assert.Equal(1, Count(after, "resolvedByCategory", "Homestead"));
        Assert.Equal(0, after.GetProperty("openNow").GetInt32());
        Assert.Equal(1.0, after.GetProperty("keptInTownRate").GetDouble());
    }

    private static int Count(JsonElement statistics, string group, string key) =>
        statistics.GetProperty(group).TryGetProperty(key, out var value) ? value.GetInt32() : 0;

    [Fact]
    public async Task The_network_is_imported_from_CSV_and_a_node_is_moved()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = TestVillages.NewCode();
        using var csv = new StringContent($"code,name,level,parentCode\nPQ-CSV,CSV片区,片区,GQ-01\n{village},新村调委会,村居,PQ-CSV\n", Encoding.UTF8, "text/csv");
        var imported = await Gateway.PutAsync("/api/mediation/network/csv", csv, ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var moved = await Gateway.PatchAsJsonAsync($"/api/mediation/network/{village}", new { parentCode = "PQ-01", name = "新村人民调解委员会" }, ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var wrongLevel = await Gateway.PatchAsJsonAsync($"/api/mediation/network/{village}", new { parentCode = "GQ-01" }, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongLevel.StatusCode);
        var cycle = await Gateway.PatchAsJsonAsync("/api/mediation/network/PQ-CSV", new { parentCode = "PQ-CSV" }, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cycle.StatusCode);
        using var broken = new StringContent("code,name\nX,Y\n", Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Gateway.PutAsync("/api/mediation/network/csv", broken, ct)).StatusCode);

        var nodes = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/network?townCode={PlatformFixture.TownCode}", ct);
        var node = nodes!.Single(n => n.GetProperty("code").GetString() == village);
        Assert.Equal("PQ-01", node.GetProperty("parentCode").GetString());
        Assert.Equal("新村人民调解委员会", node.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_mediator_sees_and_works_only_the_cases_of_their_node_and_below()
    {
        var ct = TestContext.Current.CancellationToken;
        var ours = await TestVillages.AddAsync(Gateway, "上湖村", ct);
        var theirs = await TestVillages.AddAsync(Gateway, "下湖村", ct);
        async Task<string> OpenAsync(string village) => (await PostAsync("/api/mediation/cases", new
        {
            source = "WalkIn", villageCode = village, category = "Neighbourhood", summary = "宅前排水纠纷", householdCount = 2,
        }, HttpStatusCode.Created, ct)).GetProperty("id").GetString()!;
        var ourCase = await OpenAsync(ours);
        var theirCase = await OpenAsync(theirs);
        (await PostAsync("/api/mediation/mediators", new { nodeCode = ours, name = "冯调解", identityNumber = IdentityNumbers.Next(), phone = "13700004321" }, HttpStatusCode.Created, ct)).ToString();

        using var villageMediator = await StaffAccounts.SignInAsNewAsync(platform, "Mediator", ct, mediationNode: ours);
        using var sectionMediator = await StaffAccounts.SignInAsNewAsync(platform, "Mediator", ct, mediationNode: "PQ-01");
        var client = villageMediator.Client;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/mediation/cases/{ourCase}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/mediation/cases/{theirCase}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/mediation/cases/{theirCase}/sessions", new { heldAt = Now, notes = "越权记录" }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/mediation/cases/{ourCase}/sessions", new { heldAt = Now, notes = "本村调解" }, ct)).StatusCode);

        var listed = (await client.GetFromJsonAsync<CaseView[]>("/api/mediation/cases?limit=500", ct))!;
        Assert.Contains(listed, c => c.Id.ToString() == ourCase);
        Assert.DoesNotContain(listed, c => c.Id.ToString() == theirCase);
        Assert.All(listed, c => Assert.Equal(ours, c.NodeCode));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/mediation/cases?nodeCode={theirs}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/mediation/cases?nodeCode=PQ-01", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/mediation/cases", new
        {
            source = "WalkIn", villageCode = theirs, category = "Neighbourhood", summary = "他村纠纷", householdCount = 1,
        }, ct)).StatusCode);

        // The section's mediator reaches both villages; once escalated to the section, the village mediator no longer does.
        Assert.Equal(HttpStatusCode.OK, (await sectionMediator.Client.GetAsync($"/api/mediation/cases/{theirCase}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/mediation/cases/{ourCase}/escalation", new { reason = "村级调解未果" }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/mediation/cases/{ourCase}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sectionMediator.Client.GetAsync($"/api/mediation/cases/{ourCase}", ct)).StatusCode);

        // A mediator's phone is whole to 司法所 (here the administrator) and masked to other mediators.
        var seenByMediator = (await client.GetFromJsonAsync<JsonElement[]>($"/api/mediation/mediators?nodeCode={ours}", ct))!;
        Assert.All(seenByMediator, m => Assert.Matches(@"^\d{3}\*{4}\d{4}$", m.GetProperty("phone").GetString()!));
        var seenByOffice = (await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/mediation/mediators?nodeCode={ours}", ct))!;
        Assert.Contains(seenByOffice, m => m.GetProperty("phone").GetString() == "13700004321");
    }
}

/// <summary>Valid GB 11643 numbers, different for every call, so registrations never collide across runs.</summary>
public static class IdentityNumbers
{
    private static int _sequence = Random.Shared.Next(0, 900);

    public static string Next()
    {
        var sequence = Interlocked.Increment(ref _sequence) % 1000;
        var first17 = $"37030219{Random.Shared.Next(50, 99)}0{Random.Shared.Next(1, 9)}1{Random.Shared.Next(0, 9)}{sequence:D3}";
        return first17 + Zaili.SharedKernel.ResidentIdentityNumber.CheckCharacterOf(first17);
    }
}
