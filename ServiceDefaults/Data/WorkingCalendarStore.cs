using Zaili.ServiceDefaults.Http;
using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Zaili.SharedKernel;

namespace Zaili.ServiceDefaults.Data;

/// <summary>
/// The State Council's holiday schedule as data, for services with working-day deadlines. Each such
/// service's migrations create <c>calendar_days (day date PRIMARY KEY, working boolean NOT NULL)</c>:
/// holidays on weekdays (working = false) and make-up working days on weekends (working = true).
/// </summary>
public static class WorkingCalendarStore
{
    public static async Task<WorkingDayCalendar> CalendarAsync(this NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var days = (await connection.QueryAsync<(DateTime Day, bool Working)>(new CommandDefinition(
            "SELECT day, working FROM calendar_days", transaction: transaction, cancellationToken: cancellationToken))).ToList();
        return new WorkingDayCalendar(
            days.Where(d => !d.Working).Select(d => DateOnly.FromDateTime(d.Day)).ToHashSet(),
            days.Where(d => d.Working).Select(d => DateOnly.FromDateTime(d.Day)).ToHashSet());
    }

    public sealed record CalendarDay
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? Date { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public bool? Working { get; init; }
    }

    public sealed record CalendarRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 400, ErrorMessage = ValidationMessages.Count)]
        public List<CalendarDay>? Days { get; init; }
    }

    /// <summary><c>PUT {prefix}/calendar</c>: loads a year's schedule (the service calls AddValidation, so the request is validated).</summary>
    public static RouteHandlerBuilder MapWorkingCalendarApi(this IEndpointRouteBuilder endpoints, string prefix) =>
        endpoints.MapPut(prefix + "/calendar", async (CalendarRequest request, NpgsqlDataSource db, CancellationToken cancellationToken) =>
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO calendar_days (day, working) VALUES (@Day, @Working) ON CONFLICT (day) DO UPDATE SET working = excluded.working",
                request.Days!.Select(d => new { Day = d.Date!.Value.ToDateTime(TimeOnly.MinValue), d.Working }), transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Ok(request.Days!.Count);
        }).RequireStaff(StaffRoles.PartyGovernmentOffice).WithTags("Calendar").WithSummary("The State Council's holiday schedule: holidays (working=false) and make-up working days (working=true).");
}
