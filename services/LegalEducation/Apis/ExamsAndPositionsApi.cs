using Zaili.ServiceDefaults.Http;
using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Contracts;
using Zaili.LegalEducation.Data;
using Zaili.LegalEducation.Domain;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.LegalEducation.Apis;

/// <summary>Exams (学法考法, 法治素养考试) with their rosters and rates; positions (法治文化阵地); the report's figures.</summary>
public static class ExamsAndPositionsApi
{
    public static IEndpointRouteBuilder MapExamsAndPositionsApi(this IEndpointRouteBuilder endpoints)
    {
        var exams = endpoints.MapPlatformGroup("/api/education/exams", "Exams", StaffAccess.Only(StaffRoles.JusticeOffice));
        exams.MapPost("/", CreateSessionAsync).WithName("CreateExamSession");
        exams.MapGet("/", SessionsAsync).WithName("ListExamSessions").WithSummary("A town's exam sessions, the latest first (at most 200; a year has a handful).");
        exams.MapPost("/{id:guid}/enrolments", EnrolAsync).WithName("EnrolExamRoster").WithSummary("The roster the rates are counted against.");
        exams.MapPost("/{id:guid}/results", RecordResultAsync).WithName("RecordExamResult").WithSummary("A score; publishes ExamResultRecorded with a pseudonymous person key.");
        exams.MapGet("/{id:guid}/rates", RatesAsync).WithName("ExamRates");

        var positions = endpoints.MapPlatformGroup("/api/education/positions", "Positions", StaffAccess.ReadWrite([StaffRoles.JusticeOffice, StaffRoles.PartyGovernmentOffice], [StaffRoles.JusticeOffice]));
        positions.MapPost("/", AddPositionAsync).WithName("AddPosition");
        positions.MapPost("/{id:guid}/upgrades", UpgradeAsync).WithName("UpgradePosition");
        positions.MapGet("/coverage", CoverageAsync).WithName("PositionCoverage");

        endpoints.MapGet("/api/education/figures", FiguresAsync).RequireStaff(StaffRoles.JusticeOffice, StaffRoles.PartyGovernmentOffice).WithTags("Figures").WithName("EducationFigures");
        return endpoints;
    }

    public sealed record SessionRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? TownCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public ExamKind? Kind { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(200, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Title { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? HeldOn { get; init; }

        [Range(1, 100, ErrorMessage = ValidationMessages.Range)]
        public decimal PassMark { get; init; }
    }

    public sealed record PersonInput
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(30, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Name { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), ResidentIdentityNumber]
        public string? IdentityNumber { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public ExamGroup? Group { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(50, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Department { get; init; }
    }

    public sealed record RosterRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 2000, ErrorMessage = ValidationMessages.Count)]
        public List<PersonInput>? People { get; init; }
    }

    public sealed record ResultRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), ResidentIdentityNumber]
        public string? IdentityNumber { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public decimal? Score { get; init; }
    }

    public sealed record PositionRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? VillageCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public PositionKind? Kind { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(100, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Name { get; init; }
    }

    public enum PositionKind
    {
        /// <summary>法治文化广场</summary>
        Square,
        /// <summary>法治宣传栏</summary>
        BulletinBoard,
    }

    public sealed record UpgradeRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? UpgradedOn { get; init; }

        [Range(0, 100_000_000, ErrorMessage = ValidationMessages.Range)]
        public decimal Amount { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(500, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Description { get; init; }
    }

    public sealed record RatesView(Guid SessionId, string Title, int Year, ExamKind Kind, decimal PassMark, IReadOnlyList<GroupRates> Groups);

    public sealed record ResultView(string PersonKey, decimal Score, bool Passed);

    public sealed record SessionView(Guid Id, int Year, ExamKind Kind, string Title, DateOnly HeldOn, decimal PassMark);

    private static async Task<Ok<IReadOnlyList<SessionView>>> SessionsAsync(string townCode, int? year, NpgsqlDataSource db, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<SessionView>>((await db.SessionsAsync(townCode, year, cancellationToken))
            .Select(s => new SessionView(s.Id, s.Year, Enum.Parse<ExamKind>(s.Kind), s.Title, DateOnly.FromDateTime(s.HeldOn), s.PassMark)).ToList());

    private static async Task<Created<Guid>> CreateSessionAsync(SessionRequest request, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var session = new EducationStore.SessionRow
        {
            Id = Guid.CreateVersion7(), TownCode = request.TownCode!, Year = request.HeldOn!.Value.Year, Kind = request.Kind!.Value.ToString(),
            Title = request.Title!.Trim(), HeldOn = request.HeldOn.Value.ToDateTime(TimeOnly.MinValue), PassMark = request.PassMark,
        };
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.InsertSessionAsync(session, cancellationToken);
        return TypedResults.Created($"/api/education/exams/{session.Id}/rates", session.Id);
    }

    private static async Task<Ok<int>> EnrolAsync(Guid id, RosterRequest request, NpgsqlDataSource db, PersonalDataProtector protector, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var session = await connection.FindSessionAsync(id, transaction, cancellationToken) ?? throw new RecordNotFoundException("考试场次", id.ToString());
        var kind = Enum.Parse<ExamKind>(session.Kind);
        var rows = request.People!.Select(p =>
        {
            ExamRates.EnsureGroupFits(kind, p.Group!.Value);
            var identity = ResidentIdentityNumber.Parse(p.IdentityNumber!);
            return new EducationStore.EnrolmentRow(id, protector.LookupHash(identity.Value), p.Name!.Trim(), p.Group.Value.ToString(), p.Department!.Trim(),
                protector.Protect(identity.Value), identity.Masked);
        }).ToList();
        if (rows.GroupBy(r => r.PersonKey).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainRuleException($"{twice.First().Name}（{twice.First().IdentityMasked}）在名单中重复", "roster-duplicate");
        }
        await connection.EnrolAsync(rows, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new ExamCandidatesEnrolled(id, session.TownCode, session.Year, session.Kind,
            rows.Select(r => new EnrolledCandidate(r.PersonKey, r.Group)).ToList(), time.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(rows.Count);
    }

    private static async Task<Created<ResultView>> RecordResultAsync(Guid id, ResultRequest request, NpgsqlDataSource db, PersonalDataProtector protector, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        ExamRates.EnsureScore(request.Score!.Value);
        var now = time.GetUtcNow();
        var identity = ResidentIdentityNumber.Parse(request.IdentityNumber!);
        var personKey = protector.LookupHash(identity.Value);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var session = await connection.FindSessionAsync(id, transaction, cancellationToken) ?? throw new RecordNotFoundException("考试场次", id.ToString());
        var enrolment = (await connection.RosterAsync(id, transaction, cancellationToken)).FirstOrDefault(e => e.PersonKey == personKey)
            ?? throw new DomainRuleException($"{identity.Masked} 不在本场考试的名单中，请先报名", "exam-not-enrolled");
        await connection.InsertAttemptAsync(id, personKey, request.Score.Value, now, transaction, cancellationToken);
        var passed = request.Score.Value >= session.PassMark;
        await outbox.EnqueueAsync(transaction, new ExamResultRecorded(id, session.TownCode, session.Year, session.Kind, enrolment.Group.ToString(), personKey,
            request.Score.Value, session.PassMark, passed, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/education/exams/{id}/rates", new ResultView(personKey, request.Score.Value, passed));
    }

    private static async Task<Ok<RatesView>> RatesAsync(Guid id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var session = await connection.FindSessionAsync(id, null, cancellationToken) ?? throw new RecordNotFoundException("考试场次", id.ToString());
        var rates = ExamRates.Compute(await connection.RosterAsync(id, null, cancellationToken), await connection.AttemptsAsync(id, cancellationToken), session.PassMark);
        return TypedResults.Ok(new RatesView(id, session.Title, session.Year, Enum.Parse<ExamKind>(session.Kind), session.PassMark, rates));
    }

    private static async Task<Created<Guid>> AddPositionAsync(PositionRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var village = await connection.FindDirectoryVillageAsync(request.VillageCode!, transaction, cancellationToken) ?? throw VillageErrors.Unknown(request.VillageCode);
        var id = Guid.CreateVersion7();
        await connection.InsertPositionAsync(id, request.VillageCode!, request.Kind!.Value.ToString(), request.Name!.Trim(), now, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new LegalCulturePositionChanged(id, village.TownCode, village.Code, village.Name, request.Kind.Value.ToString(), request.Name.Trim(), null, 0, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/education/positions/coverage", id);
    }

    private static async Task<NoContent> UpgradeAsync(Guid id, UpgradeRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (request.UpgradedOn > ChinaTime.DateOf(now))
        {
            throw new DomainRuleException("提升改造日期不能晚于今天", "upgrade-date");
        }
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var position = await connection.FindPositionAsync(id, transaction, cancellationToken) ?? throw new RecordNotFoundException("法治文化阵地", id.ToString());
        await connection.InsertUpgradeAsync(id, request.UpgradedOn!.Value, request.Amount, request.Description!.Trim(), transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new LegalCulturePositionChanged(id, position.TownCode, position.VillageCode, position.VillageName, position.Kind, position.Name,
            request.UpgradedOn.Value, request.Amount, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<EducationStore.PositionCoverage>> CoverageAsync(string townCode, int year, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await connection.PositionCoverageAsync(townCode, year, cancellationToken));
    }

    public sealed record ActivityFigures(int Activities, IReadOnlyDictionary<string, int> ByKind, int Materials, int PeopleReached, int LawsCovered, IReadOnlyList<string> Laws);

    public sealed record Figures(string TownCode, int Year, ActivityFigures Activities, IReadOnlyList<RatesView> Exams, EducationStore.PositionCoverage Positions, int PlanTasksDone, int PlanTasksOverdue);

    /// <summary>Section (二) of the report: activities, materials, laws, people; exam rates by group; positions.</summary>
    private static async Task<Ok<Figures>> FiguresAsync(string townCode, int year, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var activities = await connection.ActivitiesAsync(townCode, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), null, null, cancellationToken);
        var laws = activities.SelectMany(a => a.Laws).Distinct().Order().ToList();
        var exams = new List<RatesView>();
        foreach (var session in await connection.SessionsAsync(townCode, year, cancellationToken))
        {
            exams.Add(new RatesView(session.Id, session.Title, session.Year, Enum.Parse<ExamKind>(session.Kind), session.PassMark,
                ExamRates.Compute(await connection.RosterAsync(session.Id, null, cancellationToken), await connection.AttemptsAsync(session.Id, cancellationToken), session.PassMark)));
        }
        var (_, tasks) = await connection.PlansAsync(townCode, year, null, cancellationToken);
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var states = tasks.Select(t => ActivityRules.StateOf(DateOnly.FromDateTime(t.DueOn), t.CompletedOn is { } c ? DateOnly.FromDateTime(c) : null, today)).ToList();
        return TypedResults.Ok(new Figures(townCode, year,
            new ActivityFigures(activities.Count, activities.GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.Count()),
                activities.Sum(a => a.Materials), activities.Sum(a => a.PeopleReached), laws.Count, laws),
            exams, await connection.PositionCoverageAsync(townCode, year, cancellationToken),
            states.Count(s => s == TaskState.Done), states.Count(s => s == TaskState.Overdue)));
    }
}
