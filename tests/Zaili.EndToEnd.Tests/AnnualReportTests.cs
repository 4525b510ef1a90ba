using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// The 2023 figures of the town's own report, entered as real operations through the five services'
/// APIs, come back in the generated report in the source's wording. The records are entered in bulk, as an
/// import would, by an administrator account of the test's own (the gateway limits each client) that waits
/// when the gateway says so (429 with Retry-After).
/// </summary>
public sealed class AnnualReportTests(PlatformFixture platform) : IAsyncLifetime
{
    private StaffMember? _loader;

    public async ValueTask InitializeAsync() =>
        _loader = await StaffAccounts.SignInAsNewAsync(platform, "Administrator", TestContext.Current.CancellationToken, waitWhenLimited: true);

    public ValueTask DisposeAsync()
    {
        _loader?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static readonly DateOnly TodayDate = Zaili.SharedKernel.ChinaTime.DateOf(DateTimeOffset.UtcNow);
    private static string Today => TodayDate.ToString("O");
    private static int Year => TodayDate.Year;

    private HttpClient Gateway => _loader!.Client;

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object body, HttpStatusCode expected, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await Gateway.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {expected}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, expected, ct);

    private static Task InParallelAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task> action, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (item, token) => await action(item, token));

    private async Task<Dictionary<string, decimal>> FigureValuesAsync(string town, CancellationToken ct)
    {
        var figures = await Gateway.GetFromJsonAsync<JsonElement>($"/api/reports/figures?townCode={town}&year={Year}", ct);
        return figures.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!, f => f.GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task The_report_generated_from_recorded_work_states_the_2023_figures_in_the_source_wording()
    {
        var ct = TestContext.Current.CancellationToken;
        // A town of its own (in another county than the other tests' towns): its figures are exactly what this test records.
        var town = "3703031" + Random.Shared.Next(10, 99) + "000";
        var names = new List<string> { "袁家村", "东苑社区", "朱水湾村", "西周村" };
        names.AddRange(Enumerable.Range(5, 39).Select(i => $"第{i}村"));
        var villages = names.Select((name, i) => (Code: town[..9] + (201 + i).ToString("D3"), Name: name)).ToList();
        var pilots = villages.Take(14).ToList();

        (await Gateway.PutAsJsonAsync("/api/governance/villages",
            new { villages = villages.Select((v, i) => new { code = v.Code, name = v.Name, isPilot = i < 14 }) }, ct)).EnsureSuccessStatusCode();
        var nodes = new List<object>
        {
            new { code = town, name = "寨里镇一站式矛盾纠纷调解中心", level = "Town" },
            new { code = "GQ-" + town, name = "第一管区", level = "ManagementArea", parentCode = town },
            new { code = "PQ-" + town, name = "第一片区", level = "Section", parentCode = "GQ-" + town },
        };
        nodes.AddRange(villages.Select(v => new { code = v.Code, name = v.Name + "调委会", level = "Village", parentCode = "PQ-" + town }));
        (await Gateway.PutAsJsonAsync("/api/mediation/network", new { nodes }, ct)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(() => FigureValuesAsync(town, ct), f => f["villages"] == 43, TimeSpan.FromSeconds(60), "reporting knows the 43 villages");

        // (四) one counsel per village — village review learns the villages from governance's events.
        await InParallelAsync(villages, async (v, token) => await Eventually.GetAsync(async () => (await Gateway.PostAsJsonAsync("/api/village-review/counsel", new
        {
            villageCode = v.Code, lawyerName = "陈明", lawFirm = "山东淄川某律师事务所", licenceNumber = "137032018" + Random.Shared.Next(10_000_000, 99_999_999),
            contractFrom = $"{Year}-01-01", contractTo = $"{Year}-12-31",
        }, token)).StatusCode, status => status == HttpStatusCode.Created, TimeSpan.FromSeconds(30), "counsel contracted"), ct);

        // (二) boards in all 43 villages, two squares upgraded, activities, laws and materials.
        await InParallelAsync(villages, async (v, token) => await Eventually.GetAsync(async () => (await Gateway.PostAsJsonAsync("/api/education/positions",
            new { villageCode = v.Code, kind = "BulletinBoard", name = v.Name + "法治宣传栏" }, token)).StatusCode,
            status => status == HttpStatusCode.Created, TimeSpan.FromSeconds(30), "board added"), ct);
        foreach (var village in new[] { villages[2], villages[3] })
        {
            var square = await PostAsync("/api/education/positions", new { villageCode = village.Code, kind = "Square", name = "法治文化广场" }, HttpStatusCode.Created, ct);
            await PostAsync($"/api/education/positions/{square.GetString()}/upgrades", new { upgradedOn = Today, amount = 60000, description = "提升改造法治文化广场" }, HttpStatusCode.NoContent, ct);
        }
        var laws = new[] { "宪法", "民法典", "农村土地承包法", "安全生产法", "传染病防治法", "国家安全法", "刑法", "治安管理处罚法", "道路交通安全法", "消防法", "环境保护法",
            "劳动法", "劳动合同法", "未成年人保护法", "妇女权益保障法", "老年人权益保障法", "反家庭暴力法", "人民调解法", "土地管理法", "森林法", "食品安全法", "禁毒法" };
        var activities = new (string Kind, string? SixInto, string Day, string Title, string[] Departments, int Materials)[]
        {
            ("NationalSecurityEducationDay", null, $"{Year}-04-15", "4.15全民国家安全教育日宣传", ["综治中心"], 800),
            ("MarketDayLawStall", null, $"{Year}-03-08", "法律赶大集", ["司法所", "安环办"], 1200),
            ("SixIntos", "Schools", $"{Year}-05-20", "法治进校园", ["司法所", "卫健办"], 450),
            ("SixIntos", "Enterprises", $"{Year}-06-18", "法治进企业", ["安环办"], 300),
            ("Lecture", null, $"{Year}-07-06", "民法典专题讲座", ["司法所"], 300),
        };
        var lawIndex = 0;
        foreach (var a in activities)
        {
            var covered = Enumerable.Range(0, 5).Select(i => laws[(lawIndex + i) % laws.Length]).ToArray();
            lawIndex += 5;
            await PostAsync("/api/education/activities", new
            {
                townCode = town, kind = a.Kind, sixInto = a.SixInto, heldOn = a.Day, title = a.Title, departments = a.Departments, villageCode = villages[0].Code,
                laws = covered, materials = a.Materials, peopleReached = a.Materials / 2,
            }, HttpStatusCode.Created, ct);
        }
        // Last year's constitution day, for the year-on-year comparison.
        await PostAsync("/api/education/activities", new
        {
            townCode = town, kind = "ConstitutionDay", heldOn = $"{Year - 1}-12-04", title = "12.4国家宪法日", departments = new[] { "司法所" },
            laws = new[] { "宪法" }, materials = 500, peopleReached = 300,
        }, HttpStatusCode.Created, ct);

        // (一) the annual exam: every town leader enrolled sat and passed.
        var exam = await PostAsync("/api/education/exams", new { townCode = town, kind = "StateStaffAnnual", title = $"{Year}年度国家工作人员学法考法", heldOn = Today, passMark = 60 }, HttpStatusCode.Created, ct);
        var leaders = Enumerable.Range(0, 20).Select(_ => IdentityNumbers.Next()).ToList();
        await PostAsync($"/api/education/exams/{exam.GetString()}/enrolments",
            new { people = leaders.Select((id, i) => new { name = $"领导干部{i}", identityNumber = id, group = "StateStaff", department = "党政办" }) }, HttpStatusCode.OK, ct);
        await InParallelAsync(leaders, (id, token) => PostAsync($"/api/education/exams/{exam.GetString()}/results", new { identityNumber = id, score = 85 }, HttpStatusCode.Created, token), ct);

        // (一) 41 officers; two lawsuits, the agency head in court at every hearing.
        await InParallelAsync(Enumerable.Range(0, 41), (i, token) => PostAsync("/api/enforcement/officers",
            new { townCode = town, department = i % 2 == 0 ? "安环办" : "综合行政执法队", name = $"执法员{i}", identityNumber = IdentityNumbers.Next() }, HttpStatusCode.Created, token), ct);
        for (var i = 0; i < 2; i++)
        {
            var lawsuit = await PostAsync("/api/enforcement/lawsuits", new { townCode = town, caseNumber = $"（{Year}）鲁0302行初{Random.Shared.Next(1, 999)}号", cause = "不服行政处罚", filedOn = Today }, HttpStatusCode.Created, ct);
            await PostAsync($"/api/enforcement/lawsuits/{lawsuit.GetString()}/hearings", new { heldOn = Today, headAppeared = true }, HttpStatusCode.NoContent, ct);
        }

        // (三) six mediators apply for grades two to four; 457 disputes resolved, some after escalation.
        var grades = new[] { "Second", "Third", "Fourth", "Third", "Fourth", "Fourth" };
        for (var i = 0; i < grades.Length; i++)
        {
            var mediator = await PostAsync("/api/mediation/mediators",
                new { nodeCode = villages[i].Code, name = $"调解员{i}", identityNumber = IdentityNumbers.Next(), phone = "1370000" + (1000 + i) }, HttpStatusCode.Created, ct);
            await PostAsync($"/api/mediation/mediators/{mediator.GetProperty("id").GetString()}/grade-applications", new { requestedGrade = grades[i] }, HttpStatusCode.Created, ct);
        }
        var categories = new[] { "MarriageAndFamily", "Neighbourhood", "LandContract", "Homestead", "Labour", "Contract", "DamageCompensation" };
        await InParallelAsync(Enumerable.Range(0, 457), async (i, token) =>
        {
            var opened = await PostAsync("/api/mediation/cases", new
            {
                source = "WalkIn", villageCode = villages[i % villages.Count].Code, category = categories[i % categories.Length], summary = $"纠纷{i}", householdCount = 2,
            }, HttpStatusCode.Created, token);
            var id = opened.GetProperty("id").GetString();
            if (i % 40 == 0)
            {
                await PostAsync($"/api/mediation/cases/{id}/escalation", new { reason = "村调委会调解未果" }, HttpStatusCode.OK, token);
            }
            await PostAsync($"/api/mediation/cases/{id}/agreement", new { terms = "双方达成调解协议", signedOn = Today }, HttpStatusCode.OK, token);
        }, ct);

        // (五) 14 pilot villages with a group and a head each; 30,100 visits; warnings, appeals, disputes.
        var csv = new StringBuilder("villageCode,householderName,address,memberCount,contactPhone\n");
        foreach (var (village, index) in pilots.Select((v, i) => (v, i)))
        {
            for (var h = 1; h <= 5; h++)
            {
                csv.Append($"{village.Code},户主{index:D2}{h},{village.Name}{h:D2}号,3,1390{index:D2}00{h:D3}\n");
            }
        }
        using (var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))
        {
            Assert.Equal(HttpStatusCode.OK, (await Gateway.PutAsync("/api/governance/households/csv", content, ct)).StatusCode);
        }
        var groups = new List<(string Village, Guid Group, List<Guid> Households)>();
        foreach (var village in pilots)
        {
            var households = (await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/governance/households?villageCode={village.Code}", ct))!
                .Select(h => h.GetProperty("id").GetGuid()).ToList();
            var group = await PostAsync("/api/governance/groups", new { villageCode = village.Code, name = "第一十联户组", householdIds = households }, HttpStatusCode.Created, ct);
            var groupId = group.GetProperty("id").GetGuid();
            await PostAsync($"/api/governance/groups/{groupId}/election", new
            {
                candidates = new[] { new { householdId = households[0], name = "十户长" } },
                votes = households.Select(voter => new { voterHouseholdId = voter, candidateHouseholdId = households[0] }),
            }, HttpStatusCode.OK, ct);
            groups.Add((village.Code, groupId, households));
        }
        var batches = groups.SelectMany(g => new[] { (g, 2000), (g, 150) }).ToList();
        await InParallelAsync(batches, (batch, token) => PostAsync($"/api/governance/groups/{batch.g.Group}/visits/batch", new
        {
            visits = Enumerable.Range(0, batch.Item2).Select(i => new
            {
                householdId = batch.g.Households[i % 5], visitedOn = TodayDate.AddDays(-(i % 300)).ToString("O"), findings = "入户走访，了解家庭情况",
            }),
        }, HttpStatusCode.Created, token), ct);
        await InParallelAsync(Enumerable.Range(0, 104), (i, token) => PostAsync("/api/governance/warnings",
            new { villageCode = pilots[i % 14].Code, category = "SafetyHazard", severity = 1, description = $"安全隐患{i}" }, HttpStatusCode.Created, token), ct);
        await InParallelAsync(Enumerable.Range(0, 412), async (i, token) =>
        {
            var appeal = await PostAsync("/api/governance/appeals", new { villageCode = pilots[i % 14].Code, need = $"群众诉求{i}" }, HttpStatusCode.Created, token);
            if (i < 213)
            {
                var id = appeal.GetProperty("id").GetString();
                await PostAsync($"/api/governance/appeals/{id}/assignment", new { department = "综治中心" }, HttpStatusCode.OK, token);
                await PostAsync($"/api/governance/appeals/{id}/resolution", new { solved = true, resolution = "已协调解决" }, HttpStatusCode.OK, token);
            }
        }, ct);
        await InParallelAsync(Enumerable.Range(0, 153), (i, token) => PostAsync("/api/governance/dispute-reports/local",
            new { villageCode = pilots[i % 14].Code, householdCount = 2, category = "Neighbourhood", summary = $"邻里纠纷{i}", result = "十户长调解，双方互谅" }, HttpStatusCode.Created, token), ct);

        var expected = new Dictionary<string, decimal>
        {
            ["exam.state-staff.enrolled"] = 20, ["exam.state-staff.passed"] = 20, ["enforcement.officers"] = 41, ["enforcement.lawsuits.head-appeared"] = 2,
            ["education.materials"] = 3050, ["education.laws"] = 22, ["education.squares-upgraded"] = 2, ["education.villages-with-board"] = 43,
            ["mediation.disputes.resolved"] = 457, ["mediation.grade-applications"] = 6, ["village-review.villages-with-counsel"] = 43,
            ["governance.pilot-villages"] = 14, ["governance.visits"] = 30_100, ["governance.warnings"] = 104, ["governance.appeals.collected"] = 412,
            ["governance.appeals.solved"] = 213, ["governance.disputes.handled"] = 153,
        };
        var counted = await Eventually.GetAsync(() => FigureValuesAsync(town, ct), f => expected.All(e => f[e.Key] == e.Value), TimeSpan.FromSeconds(120),
            "every event counted by reporting");

        var draft = await PostAsync("/api/reports/annual", new { townCode = town, year = Year, townName = "寨里镇", issuer = "中共寨里镇党委 寨里镇人民政府" }, HttpStatusCode.Created, ct);
        var reportId = draft.GetProperty("id").GetString();
        var markdown = await Gateway.GetStringAsync($"/api/reports/annual/{reportId}/document.md", ct);
        foreach (var phrase in new[]
        {
            $"# 关于{Year}年度法治政府建设工作的报告",
            "镇办领导干部参与率、及格率均达到100%",
            "目前本单位有41名行政执法人员",
            "实现了行政机关负责人出庭应诉率100%",
            "4.15国家安全教育日、“法律赶大集”、精准普法六进",
            "组织综治中心、司法所、安环办、卫健办等部门",
            "等二十多部法律，发放宣传材料3000余份",
            "今年新提升改造了朱水湾村法治文化广场、西周村法治文化广场，全镇43个村（社区）全部设立法治宣传栏",
            "有6名调解员分别申请了二级人民调解员、三级人民调解员、四级人民调解员",
            $"截至{Year}年底，共化解矛盾纠纷457起",
            "全镇43个村（社区）全部配备法律顾问",
            "已完成袁家村、东苑社区等14个先行示范村居的“十联户”组划分、“十户长”推选工作",
            "开展入户走访3万余次，上报预警信息100余条，收集群众诉求400余条，解决群众困难200余个，妥善处置各类矛盾纠纷153起",
            "## 二、党政主要负责人履行推进法治建设第一责任人职责情况",
            $"## 四、{Year + 1}年推进法治政府建设的主要安排",
        })
        {
            Assert.Contains(phrase, markdown);
        }
        // Year-on-year: last year's constitution day handed out 500 materials.
        var materials = draft.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "education.materials");
        Assert.Equal(500, materials.GetProperty("previousYear").GetDecimal());
        Assert.Equal(2550, materials.GetProperty("change").GetDecimal());

        // Each figure lists the events it was counted from.
        var sources = await Gateway.GetFromJsonAsync<JsonElement>($"/api/reports/figures/mediation.disputes.resolved/sources?townCode={town}&year={Year}&limit=1000", ct);
        Assert.Equal(457, sources.GetProperty("total").GetInt32());
        Assert.All(sources.GetProperty("sources").EnumerateArray(), s => Assert.Equal("DisputeResolved", s.GetProperty("eventType").GetString()));
        Assert.Equal(457, sources.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("messageId").GetGuid()).Distinct().Count());

        // Narrative, approval, submission; then nothing changes, and a new version can be made.
        await PostAsync($"/api/reports/annual/{reportId}/approval", new { by = "党政办主任" }, HttpStatusCode.UnprocessableEntity, ct);
        await SendAsync(HttpMethod.Put, $"/api/reports/annual/{reportId}/narrative", new
        {
            supplements = new Dictionary<int, string> { [3] = "投资20万元重新规划建设一站式矛盾纠纷调解中心。" },
            leadership = "（一）学习贯彻习近平法治思想情况\n一是通过镇党委理论中心组学习深入学习宣传贯彻习近平法治思想。",
            shortcomings = "一是机关工作人员运用法治思维和法治方式解决问题的能力还有待提升。",
            nextYear = "一是继续严格落实“谁执法谁普法”普法责任制。",
        }, HttpStatusCode.OK, ct);
        await PostAsync($"/api/reports/annual/{reportId}/approval", new { by = "党政办主任" }, HttpStatusCode.OK, ct);
        var submitted = await PostAsync($"/api/reports/annual/{reportId}/submission", new { by = "镇长" }, HttpStatusCode.OK, ct);
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        var refused = await SendAsync(HttpMethod.Put, $"/api/reports/annual/{reportId}/narrative", new { leadership = "改写" }, HttpStatusCode.Conflict, ct);
        Assert.Equal(["NewVersion"], refused.GetProperty("allowedTransitions").EnumerateArray().Select(a => a.GetString()));
        await PostAsync($"/api/reports/annual/{reportId}/figures", new { }, HttpStatusCode.Conflict, ct);
        await PostAsync("/api/reports/annual", new { townCode = town, year = Year, townName = "寨里镇", issuer = "寨里镇人民政府" }, HttpStatusCode.Conflict, ct);
        var html = await Gateway.GetStringAsync($"/api/reports/annual/{reportId}/document.html", ct);
        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        await File.WriteAllTextAsync(Path.Combine(artifacts, "annual-report.html"), html, ct);
        await File.WriteAllTextAsync(Path.Combine(artifacts, "annual-report.md"), await Gateway.GetStringAsync($"/api/reports/annual/{reportId}/document.md", ct), ct);
        Assert.Contains("size: A4", html);
        Assert.Contains("投资20万元重新规划建设一站式矛盾纠纷调解中心。", html);
        Assert.Contains("已报送（第1版）", html);
        using (var word = await Gateway.GetAsync($"/api/reports/annual/{reportId}/document.docx", ct))
        {
            Assert.Equal(HttpStatusCode.OK, word.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", word.Content.Headers.ContentType?.MediaType);
            var bytes = await word.Content.ReadAsByteArrayAsync(ct);
            Assert.Equal("PK"u8.ToArray(), bytes[..2]);
            await File.WriteAllBytesAsync(Path.Combine(artifacts, "annual-report.docx"), bytes, ct);
        }
        var second = await PostAsync($"/api/reports/annual/{reportId}/versions", new { }, HttpStatusCode.Created, ct);
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal("Draft", second.GetProperty("status").GetString());

        // A rebuild from the services' published history gives the same figures.
        var rebuild = await PostAsync("/api/reports/read-model/rebuilds", new { }, HttpStatusCode.Accepted, ct);
        await Eventually.GetAsync(() => Gateway.GetFromJsonAsync<JsonElement>($"/api/reports/read-model/rebuilds/{rebuild.GetProperty("id").GetString()}", ct),
            r => r.GetProperty("status").GetString() != "Running", TimeSpan.FromSeconds(120), "rebuild finished");
        var status = await Gateway.GetFromJsonAsync<JsonElement>($"/api/reports/read-model/rebuilds/{rebuild.GetProperty("id").GetString()}", ct);
        Assert.Equal("Succeeded", status.GetProperty("status").GetString());
        Assert.Equal(counted, await FigureValuesAsync(town, ct));
    }
}
