using Zaili.ServiceDefaults.Http;
using Npgsql;
using Zaili.Governance.Data;
using Zaili.SharedKernel;

namespace Zaili.Governance.Apis;

/// <summary>The 十户长+ figures of the annual report's section (五), per village and in total, for a period.</summary>
public static class FiguresApi
{
    public static RouteGroupBuilder MapFiguresApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/governance/figures", "Figures", StaffAccess.Only(StaffRoles.GovernanceCentre, StaffRoles.PartyGovernmentOffice));
        group.MapGet("/", GetAsync).WithName("GovernanceFigures");
        return group;
    }

    public sealed record Figures(string TownCode, DateOnly From, DateOnly To, int PilotVillages, GroupStore.VillageFigures Total, IReadOnlyList<GroupStore.VillageFigures> Villages);

    private static async Task<Ok<Figures>> GetAsync(string townCode, DateOnly from, DateOnly to, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        DivisionCode.RequireTown(townCode);
        var (start, end) = ChinaTime.Period(from, to);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var villages = await connection.FiguresAsync(townCode, start, end, cancellationToken);
        var total = new GroupStore.VillageFigures(townCode, "合计", false,
            villages.Sum(v => v.Groups), villages.Sum(v => v.GroupsWithHead), villages.Sum(v => v.Visits), villages.Sum(v => v.Warnings),
            villages.Sum(v => v.HighSeverityWarnings), villages.Sum(v => v.AppealsCollected), villages.Sum(v => v.AppealsSolved),
            villages.Sum(v => v.AppealsAnswered), villages.Sum(v => v.DisputesHandledLocally), villages.Sum(v => v.DisputesReported),
            villages.Sum(v => v.DisputesResolvedByMediation));
        return TypedResults.Ok(new Figures(townCode, from, to, villages.Count(v => v.IsPilot), total, villages));
    }
}
