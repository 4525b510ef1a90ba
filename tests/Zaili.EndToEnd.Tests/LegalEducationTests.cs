using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Zaili.Contracts;

namespace Zaili.EndToEnd.Tests;

/// <summary>Legal education through the gateway, and 以案释法 from enforcement's event over the real broker.</summary>
public sealed class LegalEducationTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;
    private static string Today => Zaili.SharedKernel.ChinaTime.DateOf(DateTimeOffset.UtcNow).ToString("O");
    private static int Year => Zaili.SharedKernel.ChinaTime.DateOf(DateTimeOffset.UtcNow).Year;

    private async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected, CancellationToken ct)
    {
        var response = await Gateway.PostAsJsonAsync(path, body, ct);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(response.StatusCode == expected, $"POST {path}: expected {expected}, got {response.StatusCode}: {json}");
        return json;
    }

    [Fact]
    public async Task A_case_closed_for_explaining_the_law_becomes_exactly_one_activity_even_when_delivered_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        var caseId = Guid.NewGuid();
        var closed = new EnforcementCaseClosed(caseId, PlatformFixture.TownCode, "安环办", null, ["《安全生产法》", "中华人民共和国安全生产法"], true,
            "某企业未落实安全生产责任制被处罚", DateTimeOffset.UtcNow);

        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(platform.ConnectionStringAsync(ResourceNames.RabbitMq).GetAwaiter().GetResult())));
        await bus.StartAsync(ct);
        try
        {
            var messageId = NewId.NextGuid();
            await bus.Publish(closed, c => c.MessageId = messageId, ct);
            await bus.Publish(closed, c => c.MessageId = messageId, ct);  // a redelivery
            await bus.Publish(closed, ct);                                 // the same fact published again
        }
        finally
        {
            await bus.StopAsync(ct);
        }

        var path = $"/api/education/activities?townCode={PlatformFixture.TownCode}&from={Year}-01-01&to={Year}-12-31&sourceCaseId={caseId}";
        await Eventually.GetAsync(() => Gateway.GetFromJsonAsync<JsonElement[]>(path, ct)!, a => a!.Length >= 1, TimeSpan.FromSeconds(30), "activity created");
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var activity = Assert.Single((await Gateway.GetFromJsonAsync<JsonElement[]>(path, ct))!);
        Assert.Equal("CaseExplanation", activity.GetProperty("kind").GetString());
        Assert.Equal(["安环办"], activity.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
        Assert.Single(activity.GetProperty("laws").EnumerateArray());
    }

    [Fact]
    public async Task Exam_rates_count_the_whole_roster_and_each_result_is_published_under_a_pseudonym()
    {
        var ct = TestContext.Current.CancellationToken;
        var session = await PostAsync("/api/education/exams", new { townCode = PlatformFixture.TownCode, kind = "LegalLiteracy", title = "法治素养考试", heldOn = Today, passMark = 60 }, HttpStatusCode.Created, ct);
        var id = session.GetString();
        var people = Enumerable.Range(0, 4).Select(_ => IdentityNumbers.Next()).ToList();
        await PostAsync($"/api/education/exams/{id}/enrolments", new
        {
            people = people.Select((p, i) => new { name = $"考生{i}", identityNumber = p, group = i < 3 ? "EnforcementOfficers" : "NewCivilServants", department = "安环办" }),
        }, HttpStatusCode.OK, ct);

        var first = await PostAsync($"/api/education/exams/{id}/results", new { identityNumber = people[0], score = 50 }, HttpStatusCode.Created, ct);
        await PostAsync($"/api/education/exams/{id}/results", new { identityNumber = people[0], score = 80 }, HttpStatusCode.Created, ct);
        await PostAsync($"/api/education/exams/{id}/results", new { identityNumber = people[1], score = 59 }, HttpStatusCode.Created, ct);
        await PostAsync($"/api/education/exams/{id}/results", new { identityNumber = IdentityNumbers.Next(), score = 90 }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync($"/api/education/exams/{id}/results", new { identityNumber = people[2], score = 101 }, HttpStatusCode.UnprocessableEntity, ct);
        Assert.Matches("^[0-9a-f]{64}$", first.GetProperty("personKey").GetString()!);
        Assert.DoesNotContain(people[0], first.ToString());

        var rates = await Gateway.GetFromJsonAsync<JsonElement>($"/api/education/exams/{id}/rates", ct);
        var officers = rates.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "EnforcementOfficers");
        Assert.Equal((3, 2, 1), (officers.GetProperty("enrolled").GetInt32(), officers.GetProperty("participated").GetInt32(), officers.GetProperty("passed").GetInt32()));
        Assert.Equal(0.3333m, officers.GetProperty("passRate").GetDecimal());
    }

    [Fact]
    public async Task Plans_activities_and_positions_make_the_figures_and_bad_input_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        // Its own town, so the counts are this test's alone.
        var town = "3703021" + Random.Shared.Next(10, 49) + "000";
        var village = town[..9] + "201";
        (await Gateway.PutAsJsonAsync("/api/governance/villages", new { villages = new[] { new { code = village, name = "朱水湾村", isPilot = false }, new { code = town[..9] + "202", name = "西周村", isPilot = false } } }, ct))
            .EnsureSuccessStatusCode();

        var plan = await PostAsync("/api/education/plans", new
        {
            townCode = town, year = Year, department = "司法所", responsibility = "WhoServes", duties = "组织宪法宣传周和法律赶大集",
            tasks = new[] { new { title = "12.4国家宪法日宣传", dueOn = $"{Year}-12-04" }, new { title = "春季法律赶大集", dueOn = $"{Year}-03-31" } },
        }, HttpStatusCode.Created, ct);
        var task = plan.GetProperty("tasks").EnumerateArray().First(t => t.GetProperty("title").GetString() == "春季法律赶大集");
        var completed = await Gateway.PostAsJsonAsync($"/api/education/plans/{plan.GetProperty("id").GetString()}/tasks/{task.GetProperty("id").GetString()}/completion",
            new { completedOn = $"{Year}-03-20", evidence = "活动照片及签到表" }, ct);
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);

        // Villages reach legal education by VillageRegistered; an activity or position in it needs it known.
        var board = await Eventually.GetAsync(async () =>
        {
            var response = await Gateway.PostAsJsonAsync("/api/education/positions", new { villageCode = village, kind = "BulletinBoard", name = "朱水湾村法治宣传栏" }, ct);
            return response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetString() : null;
        }, id => id is not null, TimeSpan.FromSeconds(30), "village known to legal education");
        await PostAsync("/api/education/activities", new
        {
            townCode = town, kind = "MarketDayLawStall", heldOn = Today, title = "法律赶大集", departments = new[] { "司法所", "综治中心" }, villageCode = village,
            laws = new[] { "《宪法》", "民法典", "农村土地承包法" }, materials = 1200, peopleReached = 800,
        }, HttpStatusCode.Created, ct);
        await PostAsync("/api/education/activities", new
        {
            townCode = town, kind = "SixIntos", sixInto = "Schools", heldOn = Today, title = "法治进校园", departments = new[] { "司法所" },
            laws = new[] { "中华人民共和国宪法", "国家安全法" }, materials = 300, peopleReached = 450,
        }, HttpStatusCode.Created, ct);

        var square = await PostAsync("/api/education/positions", new { villageCode = village, kind = "Square", name = "朱水湾村法治文化广场" }, HttpStatusCode.Created, ct);
        var upgraded = await Gateway.PostAsJsonAsync($"/api/education/positions/{square.GetString()}/upgrades", new { upgradedOn = Today, amount = 85000, description = "提升改造" }, ct);
        Assert.Equal(HttpStatusCode.NoContent, upgraded.StatusCode);
        Assert.NotNull(board);

        await PostAsync("/api/education/activities", new { townCode = town, kind = "SixIntos", heldOn = Today, title = "无对象", departments = new[] { "司法所" }, laws = new[] { "宪法" } }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync("/api/education/activities", new { townCode = town, kind = "Lecture", heldOn = Today, title = "负数", departments = new[] { "司法所" }, laws = new[] { "宪法" }, materials = -5 }, HttpStatusCode.BadRequest, ct);
        await PostAsync("/api/education/activities", new { townCode = town, kind = "Gossip", heldOn = Today, title = "未知", departments = new[] { "司法所" } }, HttpStatusCode.BadRequest, ct);
        await PostAsync("/api/education/positions", new { villageCode = town[..9] + "299", kind = "Square", name = "未知村广场" }, HttpStatusCode.UnprocessableEntity, ct);

        var figures = await Gateway.GetFromJsonAsync<JsonElement>($"/api/education/figures?townCode={town}&year={Year}", ct);
        var activities = figures.GetProperty("activities");
        Assert.Equal((2, 1500, 1250, 4), (activities.GetProperty("activities").GetInt32(), activities.GetProperty("materials").GetInt32(),
            activities.GetProperty("peopleReached").GetInt32(), activities.GetProperty("lawsCovered").GetInt32()));
        var positions = figures.GetProperty("positions");
        Assert.Equal((2, 1, 1, 85000m), (positions.GetProperty("villages").GetInt32(), positions.GetProperty("villagesWithBoard").GetInt32(),
            positions.GetProperty("squares").GetInt32(), positions.GetProperty("spentInYear").GetDecimal()));
        Assert.Equal(["西周村"], positions.GetProperty("villagesWithoutBoard").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(1, figures.GetProperty("planTasksDone").GetInt32());
    }
}
