using Dapper;
using Npgsql;
using Zaili.Reporting.Data;
using Zaili.ServiceDefaults.Data;
using Zaili.Reporting.Domain;
using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;

namespace Zaili.Reporting.Apis;

/// <summary>Live figures from the read model, each traceable to the events it was counted from, and its rebuild.</summary>
public static class FiguresApi
{
    public static IEndpointRouteBuilder MapFiguresApi(this IEndpointRouteBuilder endpoints)
    {
        var figures = endpoints.MapPlatformGroup("/api/reports/figures", "Figures", StaffAccess.Only(StaffRoles.JusticeOffice, StaffRoles.PartyGovernmentOffice));
        figures.MapGet("/", FiguresAsync).WithName("Figures")
            .WithSummary("Every figure of the annual report for a town and year (optionally one village or department), with last year's value and the change.");
        figures.MapGet("/{code}/sources", SourcesAsync).WithName("FigureSources").WithSummary("The events a figure was counted from.");
        figures.MapGet("/{code}/months", MonthsAsync).WithName("FigureMonths").WithSummary("A flow figure month by month (China time) through the year; 422 for stocks.");
        endpoints.MapGet("/api/reports/figure-definitions", () => TypedResults.Ok(FigureCatalogue.All)).RequireSignedIn().WithTags("Figures").WithName("FigureDefinitions");

        var readModel = endpoints.MapPlatformGroup("/api/reports/read-model", "Read model", StaffAccess.Only(StaffRoles.Administrator));
        readModel.MapPost("/rebuilds", RebuildAsync).WithName("RebuildReadModel")
            .WithSummary("Counts every figure again from the services' published history; runs in the background.");
        readModel.MapGet("/rebuilds/{id:guid}", RebuildStatusAsync).WithName("RebuildStatus");
        return endpoints;
    }

    private static async Task<Ok<FigureSet>> FiguresAsync(string townCode, int year, string? villageCode, string? department, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        DivisionCode.RequireTown(townCode);
        RequireYear(year);
        if (villageCode is not null && !DivisionCode.TryParse(villageCode, out _))
        {
            throw new DomainRuleException("村居区划代码应为12位数字", "village-code");
        }
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await connection.FiguresAsync(townCode, year, villageCode, department, time.GetUtcNow(), null, cancellationToken));
    }

    public sealed record SourcesView(string Figure, string Label, int Year, int Total, IReadOnlyList<FigureStore.SourceRow> Sources);

    private static async Task<Ok<SourcesView>> SourcesAsync(string code, string townCode, int year, string? villageCode, NpgsqlDataSource db, CancellationToken cancellationToken,
        int limit = 100, int offset = 0)
    {
        DivisionCode.RequireTown(townCode);
        RequireYear(year);
        if (!FigureCatalogue.TryFind(code, out var figure))
        {
            throw new RecordNotFoundException("指标", code);
        }
        if (limit is < 1 or > 1000 || offset < 0)
        {
            throw new DomainRuleException("limit 应在1至1000之间，offset 不能为负数", "page");
        }
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var (total, rows) = await connection.SourcesAsync(figure, townCode, year, villageCode, limit, offset, cancellationToken);
        return TypedResults.Ok(new SourcesView(figure.Code, figure.Label, year, total, rows));
    }

    private static async Task<Ok<MonthlyTrend>> MonthsAsync(string code, string townCode, int year, string? villageCode, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        DivisionCode.RequireTown(townCode);
        RequireYear(year);
        if (!FigureCatalogue.TryFind(code, out var figure))
        {
            throw new RecordNotFoundException("指标", code);
        }
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(MonthlyTrend.Of(figure, year, await connection.MonthlyAmountsAsync(figure.Code, townCode, year, villageCode, cancellationToken)));
    }

    private static void RequireYear(int year)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainRuleException("年度应在2000至2100之间", "year");
        }
    }

    private static async Task<Accepted<ReadModelRebuilder.RebuildView>> RebuildAsync(Caller caller, ReadModelRebuilder rebuilder, CancellationToken cancellationToken)
    {
        var rebuild = await rebuilder.StartAsync(caller.Subject, cancellationToken);
        return TypedResults.Accepted($"/api/reports/read-model/rebuilds/{rebuild.Id}", rebuild);
    }

    private static async Task<Ok<ReadModelRebuilder.RebuildView>> RebuildStatusAsync(Guid id, NpgsqlDataSource db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.QueryOneAsync<ReadModelRebuilder.RebuildView>(
            "SELECT id, requested_by, started_at, finished_at, status, events, error FROM rebuilds WHERE id = @id", new { id }, cancellationToken)
            ?? throw new RecordNotFoundException("重建任务", id.ToString()));
}
