using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// Officers who may enforce: registered, refused a certificate until they pass the year's law exam in legal
/// education, then certified once ExamResultRecorded has reached enforcement.
/// </summary>
public static class CertifiedOfficers
{
    private static DateOnly Today => Zaili.SharedKernel.ChinaTime.DateOf(DateTimeOffset.UtcNow);

    public static async Task<Guid> ExamSessionAsync(HttpClient gateway, string title, CancellationToken ct)
    {
        var response = await gateway.PostAsJsonAsync("/api/education/exams", new { townCode = PlatformFixture.TownCode, kind = "LegalLiteracy", title, heldOn = Today, passMark = 60 }, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<Guid>(ct);
    }

    public static async Task<Guid> CreateAsync(HttpClient gateway, string name, string department, Guid examSession, CancellationToken ct)
    {
        async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected)
        {
            var response = await gateway.PostAsJsonAsync(path, body, ct);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            Assert.True(response.StatusCode == expected, $"POST {path}: expected {expected}, got {response.StatusCode}: {json}");
            return json;
        }

        var identity = IdentityNumbers.Next();
        var officer = await PostAsync("/api/enforcement/officers", new { townCode = PlatformFixture.TownCode, department, name, identityNumber = identity }, HttpStatusCode.Created);
        var id = officer.GetProperty("id").GetGuid();
        var number = "鲁淄执" + Random.Shared.Next(1_000_000, 9_999_999);
        await PostAsync($"/api/enforcement/officers/{id}/certificate", new { number, validUntil = Today.AddYears(3) }, HttpStatusCode.UnprocessableEntity);

        await PostAsync($"/api/education/exams/{examSession}/enrolments", new { people = new[] { new { name, identityNumber = identity, group = "EnforcementOfficers", department } } }, HttpStatusCode.OK);
        await PostAsync($"/api/education/exams/{examSession}/results", new { identityNumber = identity, score = 86 }, HttpStatusCode.Created);

        // The exam result travels as ExamResultRecorded; the certificate can be issued once it has arrived.
        await Eventually.GetAsync(async () => (await gateway.PostAsJsonAsync($"/api/enforcement/officers/{id}/certificate", new { number, validUntil = Today.AddYears(3) }, ct)).StatusCode,
            status => status == HttpStatusCode.Created, TimeSpan.FromSeconds(30), "certificate issued after the exam result arrived");
        return id;
    }
}
