using Aspire.Hosting.Testing;
using System.Net;
using System.Net.Http.Headers;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// No token, no data: the gateway refuses an API call without a valid token, and so does the service when
/// it is called directly past the gateway. Public notices (公示) and health stay open; a service's
/// published history is not reachable from outside at all.
/// </summary>
public sealed class TokenEnforcementTests(PlatformFixture platform)
{
    private Uri Gateway => platform.Gateway.BaseAddress!;

    [Theory]
    [InlineData("/api/mediation/cases")]
    [InlineData("/api/governance/villages")]
    [InlineData("/api/enforcement/officers")]
    [InlineData("/api/education/activities")]
    [InlineData("/api/village-review/matters")]
    [InlineData("/api/reports/figures?townCode=370302107000&year=2026")]
    public async Task An_api_call_without_a_token_is_refused_at_the_gateway(string path)
    {
        using var anonymous = new HttpClient { BaseAddress = Gateway };
        var response = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_service_called_directly_checks_the_token_itself()
    {
        var ct = TestContext.Current.CancellationToken;
        using var direct = platform.App.CreateHttpClient(ResourceNames.Mediation);
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.GetAsync("/api/mediation/cases", ct)).StatusCode);

        direct.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJBZG1pbmlzdHJhdG9yIn0.");
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.GetAsync("/api/mediation/cases", ct)).StatusCode);

        direct.DefaultRequestHeaders.Authorization = platform.Gateway.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/api/mediation/cases", ct)).StatusCode);
    }

    [Fact]
    public async Task Public_notices_and_health_need_no_token_and_published_history_is_not_routed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = new HttpClient { BaseAddress = Gateway };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/mediation/public/mediators?nodeCode={PlatformFixture.TownCode}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Gateway.GetAsync("/api/governance/published-events", ct)).StatusCode);
    }
}
