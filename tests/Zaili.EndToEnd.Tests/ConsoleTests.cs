using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// The department console in headless Chromium (Debian's), through the gateway, signed in like staff on the
/// identity service's login page. Screenshots of each step are written next to the test assembly
/// (<c>console-screenshots/</c>).
/// </summary>
public sealed class ConsoleTests(PlatformFixture platform)
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    [Fact]
    public async Task A_dispute_reported_in_the_console_is_mediated_there_and_seen_resolved()
    {
        var ct = TestContext.Current.CancellationToken;
        var village = await TestVillages.AddAsync(platform.Gateway, "控制台测试村", ct);
        using var centre = await StaffAccounts.SignInAsNewAsync(platform, "GovernanceCentre", ct);
        using var mediator = await StaffAccounts.SignInAsNewAsync(platform, "Mediator", ct, mediationNode: village);
        var summary = "控制台上报的宅基地纠纷" + Random.Shared.Next(1000, 9999);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // The machine has no network beyond the registries: Chromium's own background calls would only fail.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        // 综治中心 reports the dispute.
        var centrePage = await SignedInPageAsync(browser, "/console/reports", centre.UserName);
        await centrePage.GetByLabel("村居").SelectOptionAsync(village);
        await centrePage.GetByLabel("类别").SelectOptionAsync("Homestead");
        await centrePage.GetByLabel("简要情况").FillAsync(summary);
        await centrePage.GetByRole(AriaRole.Button, new() { Name = "上报", Exact = true }).ClickAsync();
        var row = centrePage.Locator("tr", new() { HasText = summary });
        await Expect(row).ToBeVisibleAsync();
        await ShotAsync(centrePage, "1-reported");

        // A refused form shows the service's reasons in Chinese.
        await centrePage.GetByLabel("简要情况").FillAsync("");
        await centrePage.GetByRole(AriaRole.Button, new() { Name = "上报", Exact = true }).ClickAsync();
        await Expect(centrePage.GetByRole(AriaRole.Alert)).ToContainTextAsync("请求数据未通过校验");

        await PollUntilAsync(centrePage, row, "调解中");
        await ShotAsync(centrePage, "2-in-mediation");

        // The village's mediator finds the case, records the agreement.
        var mediatorPage = await SignedInPageAsync(browser, "/console/cases", mediator.UserName);
        await mediatorPage.GetByRole(AriaRole.Link, new() { Name = summary }).ClickAsync();
        await Expect(mediatorPage.GetByRole(AriaRole.Heading, new() { Name = summary })).ToBeVisibleAsync();
        await mediatorPage.GetByLabel("协议内容").FillAsync("以村委会测绘为准，重立界桩");
        await mediatorPage.GetByRole(AriaRole.Button, new() { Name = "保存协议" }).ClickAsync();
        await Expect(mediatorPage.GetByLabel("案件状态")).ToHaveTextAsync("已调结");
        await Expect(mediatorPage.GetByRole(AriaRole.List, new() { Name = "办理经过" })).ToContainTextAsync("达成调解协议");
        await ShotAsync(mediatorPage, "3-agreement");

        // Back at the governance centre, the report has come back resolved with the outcome.
        await PollUntilAsync(centrePage, row, "已化解");
        await Expect(row).ToContainTextAsync("以村委会测绘为准，重立界桩");
        await ShotAsync(centrePage, "4-resolved");
    }

    private async Task<IPage> SignedInPageAsync(IBrowser browser, string path, string userName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.Gateway.BaseAddress!.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("#user").FillAsync(userName);
        await page.Locator("#password").FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains(path, StringComparison.Ordinal));
        await Expect(page.GetByLabel("当前用户")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The console lists on request: press 刷新 until the row shows the state the events bring.</summary>
    private static async Task PollUntilAsync(IPage page, ILocator row, string text)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!(await row.InnerTextAsync()).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the row never showed {text}: {await row.InnerTextAsync()}");
            await Task.Delay(500);
            await page.GetByRole(AriaRole.Button, new() { Name = "刷新" }).ClickAsync();
        }
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
