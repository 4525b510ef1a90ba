using System.Net.Http.Json;

namespace Zaili.EndToEnd.Tests;

/// <summary>What the tests read back from the gateway, as a client sees it (enums as strings).</summary>
public sealed record ReportView(Guid Id, string VillageCode, string Status, Guid? MediationCaseId, string? MediationNode, string? MediationLevel, string? Outcome);

public sealed record CaseView(Guid Id, Guid? SourceReportId, string NodeCode, string Level, string Status, string[] AllowedActions);

public static class Api
{
    public static async Task<ReportView> ReportDisputeAsync(HttpClient gateway, string villageCode, string summary, CancellationToken cancellationToken)
    {
        var response = await gateway.PostAsJsonAsync("/api/governance/dispute-reports",
            new { villageCode, householdCount = 2, category = "Neighbourhood", summary }, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReportView>(cancellationToken))!;
    }

    public static async Task<ReportView> GetReportAsync(HttpClient gateway, Guid id, CancellationToken cancellationToken) =>
        (await gateway.GetFromJsonAsync<ReportView>($"/api/governance/dispute-reports/{id}", cancellationToken))!;

    public static async Task<IReadOnlyList<ReportView>> ListReportsAsync(HttpClient gateway, string villageCode, CancellationToken cancellationToken) =>
        (await gateway.GetFromJsonAsync<ReportView[]>($"/api/governance/dispute-reports?villageCode={villageCode}&limit=500", cancellationToken))!;

    public static async Task<IReadOnlyList<CaseView>> CasesForReportAsync(HttpClient gateway, Guid reportId, CancellationToken cancellationToken) =>
        (await gateway.GetFromJsonAsync<CaseView[]>($"/api/mediation/cases?sourceReportId={reportId}", cancellationToken))!;
}
