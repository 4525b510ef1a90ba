using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Contracts;
using Zaili.Mediation.Data;
using Zaili.Mediation.Domain;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Http;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Apis;

/// <summary>Mediators (人民调解员), their training, grade applications, and the public list (公示).</summary>
public static class MediatorsApi
{
    public static RouteGroupBuilder MapMediatorsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/mediation/mediators", "Mediators", StaffAccess.ReadWrite([StaffRoles.JusticeOffice, StaffRoles.Mediator], [StaffRoles.JusticeOffice]));
        group.MapPost("/", RegisterAsync).WithName("RegisterMediator");
        group.MapGet("/", ListAsync).WithName("ListMediators");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetMediator");
        group.MapPost("/{id:guid}/trainings", AddTrainingAsync).WithName("AddMediatorTraining");
        group.MapPost("/{id:guid}/grade-applications", ApplyAsync).WithName("ApplyForGrade");

        var applications = endpoints.MapPlatformGroup("/api/mediation/grade-applications", "Mediators", StaffAccess.Only(StaffRoles.JusticeOffice));
        applications.MapGet("/", ListApplicationsAsync).WithName("ListGradeApplications");
        applications.MapPost("/{id:guid}/evaluation", EvaluateAsync).WithName("EvaluateGradeApplication")
            .WithSummary("Grants (MediatorGradeGranted) or refuses, with reasons, a grade application.");

        endpoints.MapGet("/api/mediation/public/mediators", PublicListAsync).AllowAnonymous().WithTags("Public").WithName("PublicMediatorList")
            .WithSummary("公示: mediators of a node and the nodes below it, with grade and masked phone. No sign-in needed.");
        return group;
    }

    public sealed record RegisterMediatorRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(40, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? NodeCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(30, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Name { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), ResidentIdentityNumber]
        public string? IdentityNumber { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(20, MinimumLength = 7, ErrorMessage = ValidationMessages.Length)]
        public string? Phone { get; init; }

        public MediatorGrade? Grade { get; init; }
    }

    public sealed record TrainingRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? HeldOn { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(200, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Title { get; init; }

        [Range(0.5, 200, ErrorMessage = ValidationMessages.Range)]
        public decimal Hours { get; init; }
    }

    public sealed record GradeApplicationRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public MediatorGrade? RequestedGrade { get; init; }
    }

    public sealed record EvaluationRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public bool? Granted { get; init; }

        [StringLength(2000, ErrorMessage = ValidationMessages.Length)]
        public string? Reasons { get; init; }
    }

    public sealed record MediatorView(Guid Id, string NodeCode, string Name, string IdentityNumber, string Phone, MediatorGrade? Grade, bool Active, DateTimeOffset RegisteredAt)
    {
        /// <summary>The phone whole only to 司法所 (who manage and call the mediators); masked to everyone else.</summary>
        public static MediatorView Of(Mediator m, Caller caller) => new(
            m.Id, m.NodeCode, m.Name, m.IdentityMasked,
            caller.ActsTownWide(StaffRoles.JusticeOffice) ? m.Phone : PhoneNumbers.Mask(m.Phone),
            m.Grade, m.Active, m.RegisteredAt);
    }

    public sealed record MediatorDetail(MediatorView Mediator, IReadOnlyList<MediatorStore.Training> Trainings, IReadOnlyList<GradeApplication> Applications);

    private static async Task<Created<MediatorView>> RegisterAsync(RegisterMediatorRequest request, Caller caller, NpgsqlDataSource db, PersonalDataProtector protector, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var identity = ResidentIdentityNumber.Parse(request.IdentityNumber!);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var node = await connection.FindNodeAsync(request.NodeCode!, transaction, cancellationToken)
            ?? throw new DomainRuleException($"调解网络中没有节点 {request.NodeCode}", "node-unknown");
        if (await connection.IdentityRegisteredAsync(protector.LookupHash(identity.Value), transaction, cancellationToken))
        {
            throw new DomainRuleException($"身份证号 {identity.Masked} 已登记为调解员", "mediator-duplicate");
        }
        var mediator = Mediator.Register(node, request.Name!, identity, request.Phone!, request.Grade, time.GetUtcNow());
        await connection.InsertMediatorAsync(mediator, identity.Value, protector, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new MediatorRegistered(mediator.Id, node.Code, node.TownCode, node.Level, time.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/mediation/mediators/{mediator.Id}", MediatorView.Of(mediator, caller));
    }

    private static async Task<Ok<IReadOnlyList<MediatorView>>> ListAsync(string? nodeCode, Caller caller, NpgsqlDataSource db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var mediators = await connection.ListMediatorsAsync(nodeCode, protector, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MediatorView>>(mediators.Select(m => MediatorView.Of(m, caller)).ToList());
    }

    private static async Task<Ok<MediatorDetail>> GetAsync(Guid id, Caller caller, NpgsqlDataSource db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var mediator = await connection.FindMediatorAsync(id, protector, null, forUpdate: false, cancellationToken)
            ?? throw new RecordNotFoundException("调解员", id.ToString());
        return TypedResults.Ok(new MediatorDetail(
            MediatorView.Of(mediator, caller),
            await connection.TrainingsAsync(id, cancellationToken),
            await connection.ListApplicationsAsync(null, id, cancellationToken)));
    }

    private static async Task<Created<MediatorStore.Training>> AddTrainingAsync(Guid id, TrainingRequest request, NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (request.HeldOn > ChinaTime.DateOf(now))
        {
            throw new DomainRuleException("培训日期不能晚于今天", "training-date");
        }
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        _ = await connection.FindMediatorAsync(id, protector, null, forUpdate: false, cancellationToken)
            ?? throw new RecordNotFoundException("调解员", id.ToString());
        var training = new MediatorStore.Training(Guid.CreateVersion7(now), id, request.HeldOn!.Value.ToDateTime(TimeOnly.MinValue), request.Title!.Trim(), request.Hours);
        await connection.InsertTrainingAsync(training, cancellationToken);
        return TypedResults.Created($"/api/mediation/mediators/{id}", training);
    }

    private static async Task<Created<GradeApplication>> ApplyAsync(Guid id, GradeApplicationRequest request, NpgsqlDataSource db, PersonalDataProtector protector, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var mediator = await connection.FindMediatorAsync(id, protector, transaction, forUpdate: true, cancellationToken)
            ?? throw new RecordNotFoundException("调解员", id.ToString());
        var pending = await connection.HasPendingApplicationAsync(id, transaction, cancellationToken);
        var application = GradeApplication.Apply(mediator, request.RequestedGrade!.Value, pending, time.GetUtcNow());
        await connection.SaveApplicationAsync(application, transaction, cancellationToken);
        var node = (await connection.FindNodeAsync(mediator.NodeCode, transaction, cancellationToken))!;
        await outbox.EnqueueAsync(transaction, new MediatorGradeApplied(application.Id, id, node.Code, node.TownCode, (int)application.RequestedGrade, application.AppliedAt), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/mediation/mediators/{id}", application);
    }

    private static async Task<Ok<IReadOnlyList<GradeApplication>>> ListApplicationsAsync(GradeApplicationStatus? status, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await connection.ListApplicationsAsync(status, null, cancellationToken));
    }

    private static async Task<Ok<GradeApplication>> EvaluateAsync(
        Guid id, EvaluationRequest request, Caller caller, NpgsqlDataSource db, PersonalDataProtector protector, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var application = await connection.FindApplicationAsync(id, transaction, forUpdate: true, cancellationToken)
            ?? throw new RecordNotFoundException("等级申请", id.ToString());
        var mediator = (await connection.FindMediatorAsync(application.MediatorId, protector, transaction, forUpdate: true, cancellationToken))!;
        application.Evaluate(mediator, request.Granted!.Value, request.Reasons, caller.Subject, now);
        await connection.SaveApplicationAsync(application, transaction, cancellationToken);
        if (application.Status == GradeApplicationStatus.Granted)
        {
            await connection.UpdateMediatorGradeAsync(mediator, transaction, cancellationToken);
            var node = (await connection.FindNodeAsync(mediator.NodeCode, transaction, cancellationToken))!;
            await outbox.EnqueueAsync(transaction, new MediatorGradeGranted(mediator.Id, mediator.NodeCode, node.TownCode, (int)application.RequestedGrade, now), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(application);
    }

    private static async Task<Ok<IReadOnlyList<MediatorStore.PublicMediator>>> PublicListAsync(string nodeCode, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        _ = await connection.FindNodeAsync(nodeCode, null, cancellationToken) ?? throw new RecordNotFoundException("调解网络节点", nodeCode);
        return TypedResults.Ok(await connection.PublicListAsync(nodeCode, cancellationToken));
    }
}
