using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>Village legality review through the gateway: submit → 需整改 → resubmit → 合法 → filed.</summary>
public sealed class VillageReviewTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    private async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected, CancellationToken ct)
    {
        var response = await Gateway.PostAsJsonAsync(path, body, ct);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(response.StatusCode == expected, $"POST {path}: expected {expected}, got {response.StatusCode}: {json}");
        return json;
    }

    /// <summary>A village registered in governance reaches village review by VillageRegistered; then a counsel is contracted.</summary>
    private async Task<(string Village, Guid Counsel)> VillageWithCounselAsync(string name, string licence, CancellationToken ct)
    {
        var village = TestVillages.NewCode();
        (await Gateway.PutAsJsonAsync("/api/governance/villages", new { villages = new[] { new { code = village, name, isPilot = false } } }, ct)).EnsureSuccessStatusCode();
        var counsel = await Eventually.GetAsync(async () =>
        {
            var response = await Gateway.PostAsJsonAsync("/api/village-review/counsel", new
            {
                villageCode = village, lawyerName = "陈明", lawFirm = "山东淄川某律师事务所", licenceNumber = licence,
                contractFrom = "2026-01-01", contractTo = "2026-12-31",
            }, ct);
            return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<JsonElement>(ct) : (JsonElement?)null;
        }, c => c is not null, TimeSpan.FromSeconds(30), "village known to village review");
        return (village, counsel!.Value.GetProperty("id").GetGuid());
    }

    private static object Document(string name, string text) => new { fileName = name, contentBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) };

    [Fact]
    public async Task A_village_counsel_sees_and_reviews_only_the_matters_of_their_villages()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ours, ourCounsel) = await VillageWithCounselAsync("南术村", "13703201810000" + Random.Shared.Next(100, 999), ct);
        var (theirs, theirCounsel) = await VillageWithCounselAsync("北术村", "13703201810000" + Random.Shared.Next(100, 999), ct);
        async Task<Guid> SubmitAsync(string village) => (await PostAsync("/api/village-review/matters",
            new { villageCode = village, kind = "VillageRules", title = "村规民约修订稿", documents = new[] { Document("村规民约.txt", "第一条 ……") } },
            HttpStatusCode.Created, ct)).GetProperty("id").GetGuid();
        var ourMatter = await SubmitAsync(ours);
        var theirMatter = await SubmitAsync(theirs);

        using var counsel = await StaffAccounts.SignInAsNewAsync(platform, "VillageCounsel", ct, villages: [ours]);
        var client = counsel.Client;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/village-review/matters/{ourMatter}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/village-review/matters/{theirMatter}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/village-review/matters/{theirMatter}/review",
            new { counselId = theirCounsel, opinion = "Lawful", reasons = "越权审查" }, ct)).StatusCode);
        var listed = (await client.GetFromJsonAsync<JsonElement[]>("/api/village-review/matters?limit=500", ct))!;
        Assert.Contains(listed, m => m.GetProperty("id").GetGuid() == ourMatter);
        Assert.All(listed, m => Assert.Equal(ours, m.GetProperty("villageCode").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/village-review/matters?villageCode={theirs}", ct)).StatusCode);
        // Submitting and filing are the justice office's; reviewing their own village's matter is the counsel's.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/village-review/matters/{ourMatter}/filing", new { }, ct)).StatusCode);
        var reviewed = await client.PostAsJsonAsync($"/api/village-review/matters/{ourMatter}/review", new { counselId = ourCounsel, opinion = "Lawful", reasons = "内容合法" }, ct);
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);

        var theirs2 = await Gateway.GetFromJsonAsync<JsonElement>($"/api/village-review/matters/{theirMatter}", ct);
        Assert.Equal(0, theirs2.GetProperty("reviews").GetArrayLength());
    }

    [Fact]
    public async Task A_contract_is_sent_back_rectified_found_lawful_and_filed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (village, counsel) = await VillageWithCounselAsync("朱水湾村", "13703201810000001", ct);
        var campaign = await PostAsync("/api/village-review/campaigns", new { townCode = PlatformFixture.TownCode, name = "农村集体资产资源四清攻坚", year = 2026 }, HttpStatusCode.Created, ct);
        var campaignId = campaign.GetProperty("id").GetGuid();
        const string draft = "甲方将村集体土地30亩租给乙方，租期十年，租金每年12万元。";

        var submitted = await PostAsync("/api/village-review/matters", new
        {
            villageCode = village, kind = "CollectiveEconomicContract", campaignId, title = "村集体土地租赁合同",
            contract = new { counterpartyName = "淄博某农业有限公司", creditCode = "91350100M000100Y43", amount = 120000, termStart = "2026-04-01", termEnd = "2036-03-31", leasesCollectiveLand = true },
            documents = new[] { Document("租赁合同.txt", draft) },
        }, HttpStatusCode.Created, ct);
        var id = submitted.GetProperty("id").GetGuid();
        Assert.False(submitted.GetProperty("flaggedOverLeaseLimit").GetBoolean());

        await PostAsync($"/api/village-review/matters/{id}/filing", new { }, HttpStatusCode.Conflict, ct);
        var rectify = await PostAsync($"/api/village-review/matters/{id}/review",
            new { counselId = counsel, opinion = "Rectify", reasons = "违约责任条款不明确", provisions = new[] { "民法典第五百七十七条" } }, HttpStatusCode.OK, ct);
        Assert.Equal("RectificationRequired", rectify.GetProperty("status").GetString());

        await PostAsync($"/api/village-review/matters/{id}/versions", new
        {
            title = "村集体土地租赁合同（修改稿）",
            contract = new { counterpartyName = "淄博某农业有限公司", creditCode = "91350100M000100Y43", amount = 120000, termStart = "2026-04-01", termEnd = "2036-03-31", leasesCollectiveLand = true },
            documents = new[] { Document("租赁合同-修改稿.txt", draft + "违约方按年租金20%支付违约金。") },
        }, HttpStatusCode.OK, ct);
        await PostAsync($"/api/village-review/matters/{id}/review", new { counselId = counsel, opinion = "Lawful", reasons = "已按意见修改，内容合法" }, HttpStatusCode.OK, ct);
        var filed = await PostAsync($"/api/village-review/matters/{id}/filing", new { }, HttpStatusCode.OK, ct);
        Assert.Matches(@"^370302107-BA-\d{4}-\d{4}$", filed.GetProperty("filingNumber").GetString()!);
        Assert.Equal("Filed", filed.GetProperty("status").GetString());

        var detail = await Gateway.GetFromJsonAsync<JsonElement>($"/api/village-review/matters/{id}", ct);
        var versions = detail.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([1, 2], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(draft))).ToLowerInvariant(),
            versions[0].GetProperty("documents")[0].GetProperty("sha256").GetString());
        Assert.Equal(["Rectify", "Lawful"], detail.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("opinion").GetString()));

        var progress = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/village-review/campaigns/{campaignId}/progress", ct);
        var row = Assert.Single(progress!);
        Assert.Equal((1, 1, 1, 1), (row.GetProperty("found").GetInt32(), row.GetProperty("rectificationRequired").GetInt32(), row.GetProperty("rectified").GetInt32(), row.GetProperty("filed").GetInt32()));
    }

    [Fact]
    public async Task Only_the_villages_own_counsel_reviews_and_bad_matters_are_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (village, _) = await VillageWithCounselAsync("西周村", "13703201810000002", ct);
        var (_, otherCounsel) = await VillageWithCounselAsync("东周村", "13703201810000003", ct);
        var contract = new { counterpartyName = "张某", identityNumber = "11010519491231002X", amount = 5000, termStart = "2026-05-01", termEnd = "2056-04-30", leasesCollectiveLand = true };

        var matter = await PostAsync("/api/village-review/matters", new { villageCode = village, kind = "CollectiveEconomicContract", title = "鱼塘承包合同", contract }, HttpStatusCode.Created, ct);
        Assert.True(matter.GetProperty("flaggedOverLeaseLimit").GetBoolean());
        Assert.Equal("1101**********002X", matter.GetProperty("contract").GetProperty("counterparty").GetProperty("identityMasked").GetString());
        await PostAsync($"/api/village-review/matters/{matter.GetProperty("id").GetGuid()}/review",
            new { counselId = otherCounsel, opinion = "Lawful", reasons = "合法" }, HttpStatusCode.UnprocessableEntity, ct);

        await PostAsync("/api/village-review/matters", new { villageCode = village, kind = "CollectiveEconomicContract", title = "合同",
            contract = contract with { identityNumber = "110105194912310021" } }, HttpStatusCode.BadRequest, ct);
        await PostAsync("/api/village-review/matters", new { villageCode = village, kind = "CollectiveEconomicContract", title = "合同",
            contract = new { counterpartyName = "某公司", creditCode = "91350100M000100Y44", amount = 1, termStart = "2026-01-01", termEnd = "2027-01-01" } }, HttpStatusCode.BadRequest, ct);
        await PostAsync("/api/village-review/matters", new { villageCode = village, kind = "CollectiveEconomicContract", title = "合同" }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync("/api/village-review/matters", new { villageCode = "370302107999", kind = "VillageRules", title = "村规民约" }, HttpStatusCode.UnprocessableEntity, ct);
        await PostAsync("/api/village-review/matters", new { villageCode = village, kind = "VillageRules", title = "村规民约", documents = new[] { new { fileName = "a.txt", contentBase64 = "***" } } }, HttpStatusCode.BadRequest, ct);

        var matters = await Gateway.GetFromJsonAsync<JsonElement[]>($"/api/village-review/matters?villageCode={village}", ct);
        Assert.Single(matters!);
        var coverage = await Gateway.GetFromJsonAsync<JsonElement>($"/api/village-review/coverage?townCode={PlatformFixture.TownCode}", ct);
        Assert.Contains(coverage.GetProperty("all").EnumerateArray(), v => v.GetProperty("code").GetString() == village && v.GetProperty("hasCounselInForce").GetBoolean());
    }
}
