using Zaili.ServiceDefaults.Http;
using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Contracts;
using Zaili.ServiceDefaults.Messaging;
using Zaili.LegalEducation.Data;
using Zaili.LegalEducation.Domain;
using Zaili.SharedKernel;

namespace Zaili.LegalEducation.Apis;

/// <summary>The law catalogue, annual plans with responsibility lists, and activities (普法活动).</summary>
public static class PlansAndActivitiesApi
{
    public static IEndpointRouteBuilder MapPlansAndActivitiesApi(this IEndpointRouteBuilder endpoints)
    {
        var laws = endpoints.MapPlatformGroup("/api/education/laws", "Law catalogue", StaffAccess.ReadWrite([StaffRoles.JusticeOffice, StaffRoles.EnforcementDepartment, StaffRoles.GovernanceCentre, StaffRoles.PartyGovernmentOffice], [StaffRoles.JusticeOffice]));
        laws.MapGet("/", LawsAsync).WithName("ListLaws");
        laws.MapPut("/", AddLawsAsync).WithName("AddLaws").WithSummary("Adds laws; 《宪法》, 宪法 and 中华人民共和国宪法 are one entry.");

        var plans = endpoints.MapPlatformGroup("/api/education/plans", "Plans", StaffAccess.ReadWrite([StaffRoles.JusticeOffice, StaffRoles.EnforcementDepartment, StaffRoles.GovernanceCentre, StaffRoles.PartyGovernmentOffice], [StaffRoles.JusticeOffice]));
        plans.MapPost("/", CreatePlanAsync).WithName("CreatePlan").WithSummary("A department's responsibility list for a year: duties and tasks with due dates.");
        plans.MapGet("/", PlansAsync).WithName("ListPlans").WithSummary("Responsibility lists with each task done, due or overdue.");
        plans.MapPost("/{planId:guid}/tasks/{taskId:guid}/completion", CompleteTaskAsync).WithName("CompleteTask");

        var activities = endpoints.MapPlatformGroup("/api/education/activities", "Activities", StaffAccess.ReadWrite([StaffRoles.JusticeOffice, StaffRoles.EnforcementDepartment, StaffRoles.GovernanceCentre, StaffRoles.PartyGovernmentOffice], [StaffRoles.JusticeOffice, StaffRoles.EnforcementDepartment, StaffRoles.GovernanceCentre]));
        activities.MapPost("/", RecordActivityAsync).WithName("RecordActivity");
        activities.MapGet("/", ActivitiesAsync).WithName("ListActivities");
        return endpoints;
    }

    public sealed record LawsRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 500, ErrorMessage = ValidationMessages.Count)]
        public List<string>? Names { get; init; }
    }

    public sealed record TaskInput
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(200, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Title { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? DueOn { get; init; }
    }

    public sealed record PlanRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? TownCode { get; init; }

        [Range(2000, 2100, ErrorMessage = ValidationMessages.Range)]
        public int Year { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(50, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Department { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public Responsibility? Responsibility { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(4000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Duties { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 100, ErrorMessage = ValidationMessages.Count)]
        public List<TaskInput>? Tasks { get; init; }
    }

    public sealed record CompletionRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? CompletedOn { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(2000, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Evidence { get; init; }
    }

    public sealed record ActivityRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? TownCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public ActivityKind? Kind { get; init; }

        public SixIntosTarget? SixInto { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? HeldOn { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(200, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Title { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 20, ErrorMessage = ValidationMessages.Count)]
        public List<string>? Departments { get; init; }

        [DivisionCode]
        public string? VillageCode { get; init; }

        [Length(0, 50, ErrorMessage = ValidationMessages.Count)]
        public List<string>? Laws { get; init; }

        [Range(0, 1_000_000, ErrorMessage = ValidationMessages.Range)]
        public int Materials { get; init; }

        [Range(0, 10_000_000, ErrorMessage = ValidationMessages.Range)]
        public int PeopleReached { get; init; }
    }

    public sealed record TaskView(Guid Id, string Title, DateOnly DueOn, DateOnly? CompletedOn, string? Evidence, TaskState State);

    public sealed record PlanView(Guid Id, int Year, string Department, Responsibility Responsibility, string Duties, int Done, int Due, int Overdue, IReadOnlyList<TaskView> Tasks);

    private static async Task<Ok<IReadOnlyList<EducationStore.Law>>> LawsAsync(NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await connection.LawsAsync(cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<EducationStore.Law>>> AddLawsAsync(LawsRequest request, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.EnsureLawsAsync(request.Names!, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await connection.LawsAsync(cancellationToken));
    }

    private static async Task<Created<PlanView>> CreatePlanAsync(PlanRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        DivisionCode.RequireTown(request.TownCode);
        if (request.Tasks!.FirstOrDefault(t => t.DueOn!.Value.Year != request.Year) is { } outside)
        {
            throw new DomainRuleException($"任务“{outside.Title}”的完成期限不在{request.Year}年内", "task-due");
        }
        var id = Guid.CreateVersion7();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.InsertPlanAsync(id, request.TownCode!, request.Year, request.Department!.Trim(), request.Responsibility!.Value, request.Duties!.Trim(),
            request.Tasks!.Select(t => (t.Title!.Trim(), t.DueOn!.Value)), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var plan = (await ListPlansAsync(connection, request.TownCode!, request.Year, request.Department!.Trim(), time, cancellationToken)).Single();
        return TypedResults.Created($"/api/education/plans?townCode={request.TownCode}&year={request.Year}", plan);
    }

    private static async Task<Ok<IReadOnlyList<PlanView>>> PlansAsync(string townCode, int year, string? department, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await ListPlansAsync(connection, townCode, year, department, time, cancellationToken));
    }

    private static async Task<IReadOnlyList<PlanView>> ListPlansAsync(NpgsqlConnection connection, string townCode, int year, string? department, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var (plans, tasks) = await connection.PlansAsync(townCode, year, department, cancellationToken);
        return plans.Select(p =>
        {
            var views = tasks.Where(t => t.PlanId == p.Id).Select(t =>
            {
                var due = DateOnly.FromDateTime(t.DueOn);
                var done = t.CompletedOn is { } c ? DateOnly.FromDateTime(c) : (DateOnly?)null;
                return new TaskView(t.Id, t.Title, due, done, t.Evidence, ActivityRules.StateOf(due, done, today));
            }).ToList();
            return new PlanView(p.Id, p.Year, p.Department, Enum.Parse<Responsibility>(p.Responsibility), p.Duties,
                views.Count(v => v.State == TaskState.Done), views.Count(v => v.State == TaskState.Due), views.Count(v => v.State == TaskState.Overdue), views);
        }).ToList();
    }

    private static async Task<NoContent> CompleteTaskAsync(Guid planId, Guid taskId, CompletionRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.CompletedOn > ChinaTime.DateOf(time.GetUtcNow()))
        {
            throw new DomainRuleException("完成日期不能晚于今天", "task-completion-date");
        }
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        if (await connection.CompleteTaskAsync(planId, taskId, request.CompletedOn!.Value, request.Evidence!.Trim(), cancellationToken) == 0)
        {
            throw new RecordNotFoundException("未完成的普法任务", taskId.ToString());
        }
        return TypedResults.NoContent();
    }

    private static async Task<Created<Guid>> RecordActivityAsync(ActivityRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var laws = request.Laws ?? [];
        var departments = (request.Departments ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList();
        ActivityRules.Check(request.Kind!.Value, request.SixInto, request.HeldOn!.Value, departments, laws.Count, request.Materials, request.PeopleReached, ChinaTime.DateOf(now));
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (request.VillageCode is { } village && !await connection.VillageExistsAsync(village, transaction, cancellationToken))
        {
            throw VillageErrors.Unknown(village);
        }
        var keys = await connection.EnsureLawsAsync(laws, transaction, cancellationToken);
        var id = Guid.CreateVersion7(now);
        await connection.InsertActivityAsync(new EducationStore.NewActivity(id, request.TownCode!, request.Kind.Value, request.SixInto, request.HeldOn.Value,
            request.Title!.Trim(), departments, request.VillageCode, request.Materials, request.PeopleReached, null, keys), now, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, ActivityFacts.Held(id, request.TownCode!, request.VillageCode, request.Kind.Value, departments, laws,
            request.Materials, request.PeopleReached, request.HeldOn.Value, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/education/activities?townCode={request.TownCode}", id);
    }

    private static async Task<Ok<IReadOnlyList<EducationStore.ActivityRow>>> ActivitiesAsync(
        string townCode, DateOnly from, DateOnly to, ActivityKind? kind, Guid? sourceCaseId, NpgsqlDataSource db, CancellationToken cancellationToken, int limit = 50, int offset = 0)
    {
        Paging.Check(limit, offset);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await connection.ActivitiesAsync(townCode, from, to, kind, sourceCaseId, cancellationToken, limit, offset));
    }
}
