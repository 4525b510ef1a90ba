using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Contracts;
using Zaili.Governance.Data;
using Zaili.Governance.Domain;
using Zaili.ServiceDefaults.Http;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Governance.Apis;

/// <summary>Ten-household groups (十联户), choosing their heads (十户长推选) and the heads' visits (入户走访).</summary>
public static class GroupsApi
{
    public static RouteGroupBuilder MapGroupsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapPlatformGroup("/api/governance/groups", "Ten-household groups", StaffAccess.Only(StaffRoles.GovernanceCentre, StaffRoles.HouseholdHead));
        group.MapPost("/", DrawAsync).RequireStaff(StaffRoles.GovernanceCentre).WithName("DrawGroup").WithSummary("Draws a group of 5 to 15 households of one village that belong to no group yet.");
        group.MapGet("/", ListAsync).WithName("ListGroups");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetGroup");
        group.MapPost("/{id:guid}/election", ChooseHeadAsync).RequireStaff(StaffRoles.GovernanceCentre).WithName("ChooseHead")
            .WithSummary("推选: the households of the group vote for candidates living in it; publishes TenHouseholdHeadChosen.");
        group.MapPost("/{id:guid}/visits", VisitAsync).WithName("LogVisit").WithSummary("The head's visit to a household of the group.");
        group.MapPost("/{id:guid}/visits/batch", VisitBatchAsync).WithName("LogVisitBatch")
            .WithSummary("A head's paper visit log entered at once (up to 2,000 visits); all are recorded or none.");
        group.MapGet("/{id:guid}/visits", VisitsAsync).WithName("ListVisits");
        return group;
    }

    public sealed record DrawGroupRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? VillageCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(50, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? Name { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 100, ErrorMessage = ValidationMessages.Count)]
        public List<Guid>? HouseholdIds { get; init; }
    }

    public sealed record CandidateInput
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public Guid? HouseholdId { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(30, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? Name { get; init; }
    }

    public sealed record VoteInput
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public Guid? VoterHouseholdId { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public Guid? CandidateHouseholdId { get; init; }
    }

    public sealed record ElectionRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 15, ErrorMessage = ValidationMessages.Count)]
        public List<CandidateInput>? Candidates { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 100, ErrorMessage = ValidationMessages.Count)]
        public List<VoteInput>? Votes { get; init; }
    }

    public sealed record VisitRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required)]
        public Guid? HouseholdId { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? VisitedOn { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(2000, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? Findings { get; init; }
    }

    public sealed record VisitBatchRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 2000, ErrorMessage = ValidationMessages.Count)]
        public List<VisitRequest>? Visits { get; init; }
    }

    public sealed record VisitBatchResult(Guid GroupId, int Recorded);

    public sealed record GroupView(Guid Id, string VillageCode, string Name, IReadOnlyList<Guid> HouseholdIds, Guid? HeadHouseholdId, string? HeadName, DateTimeOffset? HeadChosenAt)
    {
        public static GroupView Of(TenHouseholdGroup g) => new(g.Id, g.VillageCode, g.Name, g.HouseholdIds, g.HeadHouseholdId, g.HeadName, g.HeadChosenAt);
    }

    public sealed record ElectionView(GroupView Group, Guid WinnerHouseholdId, string WinnerName, IReadOnlyDictionary<Guid, int> Tally, int Turnout);

    private static async Task<Created<GroupView>> DrawAsync(DrawGroupRequest request, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var village = await connection.FindVillageAsync(request.VillageCode!, transaction, cancellationToken)
            ?? throw VillageErrors.Unknown(request.VillageCode);
        var requested = request.HouseholdIds!;
        var households = await connection.HouseholdsAsync(requested, transaction, cancellationToken);
        if (requested.FirstOrDefault(id => households.All(h => h.Id != id)) is var missing && missing != Guid.Empty)
        {
            throw new DomainRuleException($"住户 {missing} 不存在", "household-unknown");
        }
        // In the order asked, repeats included: the domain refuses a household listed twice.
        var group = TenHouseholdGroup.Draw(village, request.Name!, requested.Select(id => households.First(h => h.Id == id)).ToList(), now);
        if (!await connection.InsertGroupAsync(group, now, transaction, cancellationToken))
        {
            throw new DomainRuleException("有住户刚被编入另一个十联户组，请刷新后重试", "household-in-group");
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/governance/groups/{group.Id}", GroupView.Of(group));
    }

    private static async Task<Ok<IReadOnlyList<GroupView>>> ListAsync([Required] string villageCode, Caller caller, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var own = GovernanceAccess.OwnGroup(caller);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<GroupView>>((await connection.ListGroupsAsync(villageCode, cancellationToken))
            .Where(g => own is null || g.Id == own).Select(GroupView.Of).ToList());
    }

    private static async Task<Ok<GroupView>> GetAsync(Guid id, Caller caller, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        GovernanceAccess.EnsureOwnGroup(caller, id);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var group = await connection.FindGroupAsync(id, null, forUpdate: false, cancellationToken) ?? throw new RecordNotFoundException("十联户组", id.ToString());
        return TypedResults.Ok(GroupView.Of(group));
    }

    private static async Task<Ok<ElectionView>> ChooseHeadAsync(Guid id, ElectionRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var group = await connection.FindGroupAsync(id, transaction, forUpdate: true, cancellationToken) ?? throw new RecordNotFoundException("十联户组", id.ToString());
        var result = group.ChooseHead(
            request.Candidates!.Select(c => new TenHouseholdGroup.Candidate(c.HouseholdId!.Value, c.Name!)).ToList(),
            request.Votes!.Select(v => new TenHouseholdGroup.Vote(v.VoterHouseholdId!.Value, v.CandidateHouseholdId!.Value)).ToList(),
            now);
        await connection.SaveElectionAsync(group, result, now, transaction, cancellationToken);
        var village = (await connection.FindVillageAsync(group.VillageCode, transaction, cancellationToken))!;
        await outbox.EnqueueAsync(transaction, new TenHouseholdHeadChosen(group.Id, group.VillageCode, village.TownCode, group.HouseholdIds.Count, result.Turnout, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new ElectionView(GroupView.Of(group), result.Winner.HouseholdId, group.HeadName!, result.Tally, result.Turnout));
    }

    private static async Task<Created<GroupStore.Visit>> VisitAsync(Guid id, VisitRequest request, Caller caller, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var visits = await RecordVisitsAsync(id, [request], caller, db, outbox, time, cancellationToken);
        return TypedResults.Created($"/api/governance/groups/{id}/visits", visits[0]);
    }

    private static async Task<Created<VisitBatchResult>> VisitBatchAsync(Guid id, VisitBatchRequest request, Caller caller, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var visits = await RecordVisitsAsync(id, request.Visits!, caller, db, outbox, time, cancellationToken);
        return TypedResults.Created($"/api/governance/groups/{id}/visits", new VisitBatchResult(id, visits.Count));
    }

    private static async Task<IReadOnlyList<GroupStore.Visit>> RecordVisitsAsync(
        Guid id, IReadOnlyList<VisitRequest> requests, Caller caller, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        GovernanceAccess.EnsureOwnGroup(caller, id);
        var now = time.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        if (requests.FirstOrDefault(r => r.VisitedOn > today) is { } future)
        {
            throw new DomainRuleException($"走访日期 {future.VisitedOn:yyyy-MM-dd} 晚于今天", "visit-date");
        }
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var group = await connection.FindGroupAsync(id, transaction, forUpdate: false, cancellationToken) ?? throw new RecordNotFoundException("十联户组", id.ToString());
        var households = await connection.HouseholdsAsync(requests.Select(r => r.HouseholdId!.Value).Distinct().ToList(), transaction, cancellationToken);
        var visits = requests.Select(request =>
        {
            var household = households.FirstOrDefault(h => h.Id == request.HouseholdId)
                ?? throw new DomainRuleException($"住户 {request.HouseholdId} 不存在", "household-unknown");
            group.EnsureCanVisit(household);
            return new GroupStore.Visit
            {
                Id = Guid.CreateVersion7(now), GroupId = group.Id, HouseholdId = household.Id, VillageCode = group.VillageCode,
                VisitedOn = request.VisitedOn!.Value.ToDateTime(TimeOnly.MinValue), Findings = request.Findings!.Trim(), RecordedBy = caller.Subject, RecordedAt = now,
            };
        }).ToList();
        await connection.InsertVisitsAsync(visits, transaction, cancellationToken);
        var village = (await connection.FindVillageAsync(group.VillageCode, transaction, cancellationToken))!;
        await outbox.EnqueueAsync(transaction, new HouseholdsVisited(group.Id, group.VillageCode, village.TownCode,
            requests.Select(r => r.VisitedOn!.Value).ToList(), now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return visits;
    }

    private static async Task<Ok<IReadOnlyList<GroupStore.Visit>>> VisitsAsync(Guid id, Caller caller, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        GovernanceAccess.EnsureOwnGroup(caller, id);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await connection.VisitsAsync(id, cancellationToken));
    }
}
