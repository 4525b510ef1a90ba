using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// Enforcement with legal education, through the gateway: an exam passed in legal education enables a
/// certificate; two certified officers run a case whose records are tamper-evident; a case closed for
/// 以案释法 shows up in legal education as one activity.
/// </summary>
public sealed class EnforcementTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;
    private static DateOnly Today => Zaili.SharedKernel.ChinaTime.DateOf(DateTimeOffset.UtcNow);

    private async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected, CancellationToken ct)
    {
        var response = await Gateway.PostAsJsonAsync(path, body, ct);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(response.StatusCode == expected, $"POST {path}: expected {expected}, got {response.StatusCode}: {json}");
        return json;
    }

    private Task<Guid> CertifiedOfficerAsync(string name, Guid examSession, CancellationToken ct) =>
        CertifiedOfficers.CreateAsync(Gateway, name, "安环办", examSession, ct);

    [Fact]
    public async Task Exam_certificate_case_record_chain_and_explaining_the_law_work_across_services()
    {
        var ct = TestContext.Current.CancellationToken;
        var session = (await PostAsync("/api/education/exams", new { townCode = PlatformFixture.TownCode, kind = "LegalLiteracy", title = "行政执法人员法律知识考试", heldOn = Today, passMark = 60 }, HttpStatusCode.Created, ct)).GetGuid();
        var first = await CertifiedOfficerAsync("张执法", session, ct);
        var second = await CertifiedOfficerAsync("李执法", session, ct);
        var uncertified = (await PostAsync("/api/enforcement/officers", new { townCode = PlatformFixture.TownCode, department = "安环办", name = "王新人", identityNumber = IdentityNumbers.Next() }, HttpStatusCode.Created, ct)).GetProperty("id").GetGuid();

        var register = new
        {
            townCode = PlatformFixture.TownCode, department = "安环办", kind = "Inspection",
            party = new { name = "淄博某化工有限公司", creditCode = "91370302MA3C1234XT" },
            legalBasis = "《安全生产法》第六十五条", facts = "现场检查发现有限空间作业未设置警示标志",
            officerIds = new[] { first, second },
        };
        await PostAsync("/api/enforcement/cases", register with { officerIds = new[] { first } }, HttpStatusCode.BadRequest, ct);
        await PostAsync("/api/enforcement/cases", register with { officerIds = new[] { first, uncertified } }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync("/api/enforcement/cases", register with { party = new { name = "某公司", creditCode = "91370302MA3C1234X0" } }, HttpStatusCode.BadRequest, ct);
        var created = await PostAsync("/api/enforcement/cases", register, HttpStatusCode.Created, ct);
        var caseId = created.GetProperty("case").GetProperty("id").GetGuid();

        // Each department works its own cases: 卫健办 neither sees nor records in 安环办's case, nor registers in its name.
        using (var safety = await StaffAccounts.SignInAsNewAsync(platform, "EnforcementDepartment", ct, department: "安环办"))
        using (var health = await StaffAccounts.SignInAsNewAsync(platform, "EnforcementDepartment", ct, department: "卫健办"))
        {
            Assert.Equal(HttpStatusCode.OK, (await safety.Client.GetAsync($"/api/enforcement/cases/{caseId}", ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await health.Client.GetAsync($"/api/enforcement/cases/{caseId}", ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await health.Client.PostAsJsonAsync($"/api/enforcement/cases/{caseId}/records", new { step = "Investigate", content = "越权记录" }, ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await health.Client.GetAsync($"/api/enforcement/cases/{caseId}/records/verification", ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await health.Client.PostAsJsonAsync("/api/enforcement/cases", register, ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await health.Client.GetAsync($"/api/enforcement/officers?townCode={PlatformFixture.TownCode}&department=安环办", ct)).StatusCode);
            var ownOfficers = (await safety.Client.GetFromJsonAsync<JsonElement[]>($"/api/enforcement/officers?townCode={PlatformFixture.TownCode}", ct))!;
            Assert.All(ownOfficers, o => Assert.Equal("安环办", o.GetProperty("department").GetString()));
        }

        await PostAsync($"/api/enforcement/cases/{caseId}/records", new { step = "Investigate", content = "调取作业审批记录", attachmentHashes = new[] { new string('b', 64) } }, HttpStatusCode.Created, ct);
        await PostAsync($"/api/enforcement/cases/{caseId}/records", new { step = "Decide", content = "责令立即整改" }, HttpStatusCode.Created, ct);
        Assert.True((await Gateway.GetFromJsonAsync<JsonElement>($"/api/enforcement/cases/{caseId}/records/verification", ct)).GetProperty("intact").GetBoolean());

        await PostAsync($"/api/enforcement/cases/{caseId}/closure",
            new { explainLawThroughCase = true, lawsApplied = new[] { "《安全生产法》" }, summary = "有限空间作业未设警示标志被责令整改" }, HttpStatusCode.OK, ct);
        await PostAsync($"/api/enforcement/cases/{caseId}/records", new { step = "Serve", content = "结案后补记" }, HttpStatusCode.Conflict, ct);

        var year = Today.Year;
        var activities = await Eventually.GetAsync(
            () => Gateway.GetFromJsonAsync<JsonElement[]>($"/api/education/activities?townCode={PlatformFixture.TownCode}&from={year}-01-01&to={year}-12-31&sourceCaseId={caseId}", ct)!,
            found => found!.Length == 1, TimeSpan.FromSeconds(30), "以案释法 activity in legal education");
        Assert.Equal(["安环办"], activities![0].GetProperty("departments").EnumerateArray().Select(d => d.GetString()));

        // Tampering with a stored record behind the API's back is detected, and where.
        await using var db = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Enforcement)));
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            await connection.ExecuteAsync("UPDATE case_records SET content = '调取作业审批记录（已改）' WHERE case_id = @caseId AND sequence = 2", new { caseId });
        }
        var verification = await Gateway.GetFromJsonAsync<JsonElement>($"/api/enforcement/cases/{caseId}/records/verification", ct);
        Assert.False(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(2, verification.GetProperty("brokenAt").GetInt32());
    }

    [Fact]
    public async Task A_major_decision_waits_for_legal_review_and_is_published_with_the_person_masked()
    {
        var ct = TestContext.Current.CancellationToken;
        var session = (await PostAsync("/api/education/exams", new { townCode = PlatformFixture.TownCode, kind = "LegalLiteracy", title = "执法人员考试（二）", heldOn = Today, passMark = 60 }, HttpStatusCode.Created, ct)).GetGuid();
        var officers = new[] { await CertifiedOfficerAsync("赵执法", session, ct), await CertifiedOfficerAsync("钱执法", session, ct) };
        var created = await PostAsync("/api/enforcement/cases", new
        {
            townCode = PlatformFixture.TownCode, department = "卫健办", kind = "Penalty", major = true,
            party = new { name = "孙某某", identityNumber = IdentityNumbers.Next() },
            legalBasis = "《传染病防治法》第七十七条", facts = "未按规定处理医疗废物", officerIds = officers,
        }, HttpStatusCode.Created, ct);
        var id = created.GetProperty("case").GetProperty("id").GetGuid();

        var early = await PostAsync($"/api/enforcement/cases/{id}/decision", new { content = "罚款五千元" }, HttpStatusCode.Conflict, ct);
        Assert.Equal(["LegalReview"], early.GetProperty("allowedTransitions").EnumerateArray().Select(a => a.GetString()));
        await PostAsync($"/api/enforcement/cases/{id}/legal-review", new { reviewer = "法制审核员周某", opinion = "Revise", reasons = "裁量依据不充分" }, HttpStatusCode.Created, ct);
        await PostAsync($"/api/enforcement/cases/{id}/decision", new { content = "罚款五千元" }, HttpStatusCode.Conflict, ct);
        await PostAsync($"/api/enforcement/cases/{id}/legal-review", new { reviewer = "法制审核员周某", opinion = "Approve", reasons = "已补充裁量依据" }, HttpStatusCode.Created, ct);
        var decided = await PostAsync($"/api/enforcement/cases/{id}/decision", new { content = "罚款三千元" }, HttpStatusCode.OK, ct);
        Assert.True(DateOnly.Parse(decided.GetProperty("publishDueOn").GetString()!) >= Today.AddDays(7));
        // Once decided, the review that counted has been given: another is refused, and the case says what comes next.
        var late = await PostAsync($"/api/enforcement/cases/{id}/legal-review", new { reviewer = "法制审核员周某", opinion = "Reject", reasons = "事后不同意" }, HttpStatusCode.Conflict, ct);
        Assert.Contains("Publish", late.GetProperty("allowedTransitions").EnumerateArray().Select(a => a.GetString()));
        var state = (await Gateway.GetFromJsonAsync<JsonElement>($"/api/enforcement/cases/{id}", ct)).GetProperty("case");
        Assert.Equal("Approve", state.GetProperty("latestOpinion").GetString());
        Assert.Equal(["AppendRecord", "Publish", "Close"], state.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains(await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/enforcement/cases?townCode={PlatformFixture.TownCode}&awaitingPublication=true&major=true", ct) ?? [],
            c => c.GetProperty("id").GetGuid() == id);

        var before = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/enforcement/public/decisions?townCode={PlatformFixture.TownCode}", ct);
        Assert.DoesNotContain(before!, d => d.GetProperty("caseId").GetGuid() == id);
        await PostAsync($"/api/enforcement/cases/{id}/publication", new { }, HttpStatusCode.OK, ct);
        await PostAsync($"/api/enforcement/cases/{id}/publication", new { }, HttpStatusCode.Conflict, ct);

        var published = (await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/enforcement/public/decisions?townCode={PlatformFixture.TownCode}", ct))!
            .Single(d => d.GetProperty("caseId").GetGuid() == id);
        Assert.Equal("孙**", published.GetProperty("partyName").GetString());
        Assert.Equal("罚款三千元", published.GetProperty("decisionContent").GetString());
        var publicOfficers = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/enforcement/public/officers?townCode={PlatformFixture.TownCode}", ct);
        Assert.Contains(publicOfficers!, o => o.GetProperty("name").GetString() == "赵执法");
        var overdue = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/enforcement/publications/overdue?townCode={PlatformFixture.TownCode}", ct);
        Assert.DoesNotContain(overdue!, o => o.GetProperty("caseId").GetGuid() == id);
    }

    [Fact]
    public async Task Litigation_documents_and_disclosures_make_the_years_figures()
    {
        var ct = TestContext.Current.CancellationToken;
        var town = "3703021" + Random.Shared.Next(10, 49) + "000";
        var year = Today.Year;
        var day = Today.AddDays(-1);

        var lawsuit = (await PostAsync("/api/enforcement/lawsuits", new { townCode = town, caseNumber = $"（{year}）鲁0302行初{Random.Shared.Next(1, 999)}号", cause = "不服行政处罚", filedOn = day }, HttpStatusCode.Created, ct)).GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await Gateway.PostAsJsonAsync($"/api/enforcement/lawsuits/{lawsuit}/hearings", new { heldOn = day, headAppeared = true }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Gateway.PostAsJsonAsync($"/api/enforcement/lawsuits/{lawsuit}/outcome", new { outcome = "Won", decidedOn = day }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Gateway.PostAsJsonAsync($"/api/enforcement/lawsuits/{lawsuit}/outcome", new { outcome = "Lost", decidedOn = day }, ct)).StatusCode);

        var document = (await PostAsync("/api/enforcement/documents", new { townCode = town, title = "寨里镇农村人居环境整治管理办法" }, HttpStatusCode.Created, ct)).GetProperty("id").GetGuid();
        await PostAsync($"/api/enforcement/documents/{document}/publication", new { on = day }, HttpStatusCode.Conflict, ct);
        await PostAsync($"/api/enforcement/documents/{document}/legality-review", new { lawful = false, opinion = "罚则超越权限" }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync($"/api/enforcement/documents/{document}/legality-review", new { lawful = true, opinion = "内容合法" }, HttpStatusCode.OK, ct);
        var published = await PostAsync($"/api/enforcement/documents/{document}/publication", new { on = day }, HttpStatusCode.OK, ct);
        Assert.Equal(day.AddDays(30).ToString("O"), published.GetProperty("filingDueOn").GetString());
        await PostAsync($"/api/enforcement/documents/{document}/review-result", new { result = "区司法局审查通过" }, HttpStatusCode.Conflict, ct);
        await PostAsync($"/api/enforcement/documents/{document}/filing", new { on = Today }, HttpStatusCode.OK, ct);
        await PostAsync($"/api/enforcement/documents/{document}/review-result", new { result = "区司法局审查通过" }, HttpStatusCode.OK, ct);

        await PostAsync("/api/enforcement/powers", new { townCode = town, department = "安环办", name = "对未按规定设置安全警示标志的处罚", kind = "Penalty", legalBasis = "《安全生产法》第九十九条" }, HttpStatusCode.Created, ct);
        await PostAsync("/api/enforcement/powers", new { townCode = town, department = "安环办", name = "对未按规定设置安全警示标志的处罚", kind = "Penalty", legalBasis = "重复" }, HttpStatusCode.Conflict, ct);
        var powers = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/enforcement/public/powers?townCode={town}", ct);
        Assert.Equal("《安全生产法》第九十九条", Assert.Single(powers!).GetProperty("legalBasis").GetString());

        var disclosure = await PostAsync("/api/enforcement/disclosures", new { townCode = town, subject = "申请公开某项目环评批复", receivedOn = day }, HttpStatusCode.Created, ct);
        var disclosureId = disclosure.GetProperty("id").GetGuid();
        await PostAsync($"/api/enforcement/disclosures/{disclosureId}/extension", new { reason = "需征求第三方意见" }, HttpStatusCode.OK, ct);
        await PostAsync($"/api/enforcement/disclosures/{disclosureId}/extension", new { reason = "再延一次" }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync($"/api/enforcement/disclosures/{disclosureId}/answer", new { on = Today }, HttpStatusCode.OK, ct);

        var figures = await Gateway.GetFromJsonAsync<JsonElement>($"/api/enforcement/figures?townCode={town}&year={year}", ct);
        Assert.Equal(1m, figures.GetProperty("appearanceRate").GetDecimal());
        Assert.Equal(0m, figures.GetProperty("lossRate").GetDecimal());
        Assert.Equal(1m, figures.GetProperty("documentsFiledOnTimeRate").GetDecimal());
        Assert.Equal(1m, figures.GetProperty("disclosuresAnsweredOnTimeRate").GetDecimal());
    }
}
