using Zaili.ServiceDefaults.Http;
using System.ComponentModel.DataAnnotations;
using Npgsql;
using Zaili.Contracts;
using Zaili.Enforcement.Data;
using Zaili.Enforcement.Domain;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.Enforcement.Apis;

/// <summary>The roster of enforcement officers (行政执法人员) and their certificates (行政执法证).</summary>
public static class OfficersApi
{
    public static IEndpointRouteBuilder MapOfficersApi(this IEndpointRouteBuilder endpoints)
    {
        var officers = endpoints.MapPlatformGroup("/api/enforcement/officers", "Officers", StaffAccess.ReadWrite([StaffRoles.JusticeOffice, StaffRoles.EnforcementDepartment], [StaffRoles.JusticeOffice]));
        officers.MapPost("/", RegisterAsync).WithName("RegisterOfficer");
        officers.MapGet("/", ListAsync).WithName("ListOfficers");
        officers.MapPost("/{id:guid}/certificate", IssueAsync).WithName("IssueCertificate")
            .WithSummary("申领: refused unless the officer passed this year's law exam (ExamResultRecorded from legal education).");

        var certificates = endpoints.MapPlatformGroup("/api/enforcement/certificates", "Officers", StaffAccess.ReadWrite([StaffRoles.JusticeOffice, StaffRoles.EnforcementDepartment], [StaffRoles.JusticeOffice]));
        certificates.MapPost("/{id:guid}/annual-review", ReviewAsync).WithName("ReviewCertificate")
            .WithSummary("年审: passes with a passed exam in the review year, otherwise suspends the certificate.");
        certificates.MapPost("/{id:guid}/revocation", RevokeAsync).WithName("RevokeCertificate");
        return endpoints;
    }

    public sealed record OfficerRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), DivisionCode]
        public string? TownCode { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(50, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Department { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(30, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Name { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), ResidentIdentityNumber]
        public string? IdentityNumber { get; init; }
    }

    public sealed record CertificateRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), StringLength(30, MinimumLength = 6, ErrorMessage = ValidationMessages.Length)]
        public string? Number { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required)]
        public DateOnly? ValidUntil { get; init; }
    }

    public sealed record ReviewRequest
    {
        [Range(2000, 2100, ErrorMessage = ValidationMessages.Range)]
        public int Year { get; init; }
    }

    /// <summary>An officer with the certificate not revoked, if any (the one a case may rely on).</summary>
    public sealed record OfficerView(Guid Id, string Department, string Name, string IdentityNumber, CertificateView? Certificate = null);

    public sealed record CertificateView(Guid Id, Guid OfficerId, string Number, DateOnly IssuedOn, DateOnly ValidUntil, CertificateStatus Status, int? LastReviewYear, bool ValidToday)
    {
        public static CertificateView Of(Certificate c, DateOnly today) => new(c.Id, c.OfficerId, c.Number, c.IssuedOn, c.ValidUntil, c.Status, c.LastReviewYear, c.IsValidOn(today));
    }

    private static async Task<Created<OfficerView>> RegisterAsync(OfficerRequest request, NpgsqlDataSource db, PersonalDataProtector protector, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var identity = ResidentIdentityNumber.Parse(request.IdentityNumber!);
        var officer = new EnforcementStore.OfficerRow
        {
            Id = Guid.CreateVersion7(), TownCode = request.TownCode!, Department = request.Department!.Trim(), Name = request.Name!.Trim(),
            PersonKey = protector.LookupHash(identity.Value), IdentityMasked = identity.Masked, RegisteredAt = time.GetUtcNow(),
        };
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.InsertOfficerAsync(officer, protector.Protect(identity.Value), transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new EnforcementOfficerRegistered(officer.Id, officer.TownCode, officer.Department, officer.RegisteredAt), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/enforcement/officers?townCode={officer.TownCode}", new OfficerView(officer.Id, officer.Department, officer.Name, officer.IdentityMasked));
    }

    private static async Task<Ok<IReadOnlyList<OfficerView>>> ListAsync(string townCode, string? department, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken cancellationToken)
    {
        var scope = EnforcementAccess.DepartmentFor(caller, department);
        var today = ChinaTime.DateOf(time.GetUtcNow());
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var officers = await connection.ListOfficersAsync(townCode, scope, cancellationToken);
        var certificates = await connection.CertificatesOfAsync(officers.Select(o => o.Id).ToList(), null, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<OfficerView>>(officers
            .Select(o => new OfficerView(o.Id, o.Department, o.Name, o.IdentityMasked,
                certificates.TryGetValue(o.Id, out var certificate) ? CertificateView.Of(certificate, today) : null)).ToList());
    }

    private static async Task<Created<CertificateView>> IssueAsync(Guid id, CertificateRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(time.GetUtcNow());
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var officer = await connection.FindOfficerAsync(id, transaction, cancellationToken) ?? throw new RecordNotFoundException("执法人员", id.ToString());
        if ((await connection.CertificatesOfAsync([id], transaction, cancellationToken)).ContainsKey(id))
        {
            throw new DomainRuleException($"{officer.Name} 已有未注销的行政执法证", "certificate-exists");
        }
        var certificate = Certificate.Issue(id, request.Number!, request.ValidUntil!.Value, await connection.PassedExamAsync(officer.PersonKey, today.Year, transaction, cancellationToken), today);
        await connection.SaveCertificateAsync(certificate, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new EnforcementCertificateChanged(certificate.Id, id, officer.TownCode, officer.Department, "Issued", today.Year, time.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/enforcement/certificates/{certificate.Id}", CertificateView.Of(certificate, today));
    }

    private static async Task<Ok<CertificateView>> ReviewAsync(Guid id, ReviewRequest request, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken) =>
        await ChangeAsync(id, db, outbox, time, async (certificate, officer, connection, transaction) =>
        {
            certificate.AnnualReview(request.Year, await connection.PassedExamAsync(officer.PersonKey, request.Year, transaction, cancellationToken));
            return (certificate.Status == CertificateStatus.Active ? "ReviewPassed" : "ReviewFailed", request.Year);
        }, cancellationToken);

    private static async Task<Ok<CertificateView>> RevokeAsync(Guid id, NpgsqlDataSource db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken) =>
        await ChangeAsync(id, db, outbox, time, (certificate, _, _, _) =>
        {
            certificate.Revoke();
            return Task.FromResult(("Revoked", ChinaTime.DateOf(time.GetUtcNow()).Year));
        }, cancellationToken);

    private static async Task<Ok<CertificateView>> ChangeAsync(
        Guid id, NpgsqlDataSource db, Outbox outbox, TimeProvider time,
        Func<Certificate, EnforcementStore.OfficerRow, NpgsqlConnection, NpgsqlTransaction, Task<(string Change, int Year)>> change, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var certificate = await connection.FindCertificateAsync(id, transaction, forUpdate: true, cancellationToken) ?? throw new RecordNotFoundException("行政执法证", id.ToString());
        var officer = (await connection.FindOfficerAsync(certificate.OfficerId, transaction, cancellationToken))!;
        var (changed, year) = await change(certificate, officer, connection, transaction);
        await connection.SaveCertificateAsync(certificate, transaction, cancellationToken);
        await outbox.EnqueueAsync(transaction, new EnforcementCertificateChanged(certificate.Id, officer.Id, officer.TownCode, officer.Department, changed, year, time.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(CertificateView.Of(certificate, ChinaTime.DateOf(time.GetUtcNow())));
    }
}
