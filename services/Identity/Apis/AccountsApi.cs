using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zaili.Identity.Data;
using Zaili.Identity.Domain;
using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;

namespace Zaili.Identity.Apis;

/// <summary>Staff accounts, managed by administrators; <c>/me</c> tells anyone signed in who the platform thinks they are.</summary>
public static class AccountsApi
{
    public static void MapAccountsApi(this WebApplication app)
    {
        var group = app.MapPlatformGroup("/api/identity/accounts", "Accounts", StaffAccess.Only(StaffRoles.Administrator));
        group.MapPost("/", CreateAsync).WithName("CreateAccount");
        group.MapGet("/", ListAsync).WithName("ListAccounts");
        group.MapGet("/{id}", GetAsync).WithName("GetAccount");
        group.MapPost("/{id}/disable", (string id, UserManager<StaffAccount> accounts, TimeProvider time) => SetDisabledAsync(id, true, accounts, time)).WithName("DisableAccount");
        group.MapPost("/{id}/enable", (string id, UserManager<StaffAccount> accounts, TimeProvider time) => SetDisabledAsync(id, false, accounts, time)).WithName("EnableAccount");
        group.MapPost("/{id}/unlock", UnlockAsync).WithName("UnlockAccount");

        app.MapGet("/api/identity/me", (Caller caller) => TypedResults.Ok(caller))
            .RequireSignedIn()
            .WithTags("Accounts").WithName("WhoAmI");
    }

    public sealed record CreateAccountRequest
    {
        [Required(ErrorMessage = ValidationMessages.Required), RegularExpression("^[a-z0-9][a-z0-9._-]{2,31}$", ErrorMessage = "{0} 须为 3 至 32 位小写字母、数字或 . _ -")]
        public string? UserName { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(30, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? DisplayName { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), StringLength(256, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? Password { get; init; }

        [Required(ErrorMessage = ValidationMessages.Required), Length(1, 4, ErrorMessage = ValidationMessages.Count)]
        public string[]? Roles { get; init; }

        [StringLength(30, MinimumLength = 2, ErrorMessage = ValidationMessages.Length)]
        public string? Department { get; init; }

        [MaxLength(100, ErrorMessage = ValidationMessages.MaxLength)]
        public string[]? Villages { get; init; }

        [StringLength(40, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? HouseholdGroup { get; init; }

        [StringLength(40, MinimumLength = 1, ErrorMessage = ValidationMessages.Length)]
        public string? MediationNode { get; init; }
    }

    public sealed record AccountView(string Id, string UserName, string DisplayName, IReadOnlyCollection<string> Roles, string? Department,
        IReadOnlyCollection<string> Villages, string? HouseholdGroup, string? MediationNode, bool Disabled, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt);

    private static async Task<Created<AccountView>> CreateAsync(CreateAccountRequest request, UserManager<StaffAccount> accounts, TimeProvider time)
    {
        var roles = request.Roles!.Distinct(StringComparer.Ordinal).ToList();
        if (roles.FirstOrDefault(r => !StaffRoles.StaffRoleNames.Contains(r)) is { } unknown)
        {
            throw new DomainRuleException($"未知角色 {unknown}；可选：{string.Join("、", StaffRoles.StaffRoleNames)}", "role-unknown");
        }
        var villages = (request.Villages ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (villages.FirstOrDefault(v => !DivisionCode.TryParse(v, out var code) || code.Value.IsTown) is { } invalid)
        {
            throw new DomainRuleException($"村居代码 {invalid} 不是有效的 12 位村级统计用区划代码", "village-code-invalid");
        }
        if (roles.Select(r => StaffRoles.MissingScope(r, villages, request.HouseholdGroup, request.MediationNode, request.Department)).FirstOrDefault(m => m is not null) is { } missing)
        {
            throw new DomainRuleException(missing, "role-scope-missing");
        }
        if (await accounts.FindByNameAsync(request.UserName!) is not null)
        {
            throw new ConflictException($"用户名 {request.UserName} 已被使用", "account-exists");
        }

        var account = new StaffAccount
        {
            UserName = request.UserName,
            DisplayName = request.DisplayName!,
            Department = request.Department,
            Villages = villages,
            HouseholdGroup = request.HouseholdGroup,
            MediationNode = request.MediationNode,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await accounts.CreateAsync(account, request.Password!);
        if (!created.Succeeded)
        {
            throw new DomainRuleException(string.Join("；", created.Errors.Select(PasswordRules.Describe)), "account-rejected");
        }
        await accounts.AddToRolesAsync(account, roles);
        return TypedResults.Created($"/api/identity/accounts/{account.Id}", await ViewOfAsync(accounts, account, time));
    }

    private static async Task<Ok<IReadOnlyList<AccountView>>> ListAsync(UserManager<StaffAccount> accounts, TimeProvider time, int limit = 50, int offset = 0)
    {
        Paging.Check(limit, offset);
        var page = await accounts.Users.OrderBy(a => a.UserName).Skip(offset).Take(limit).ToListAsync();
        var views = new List<AccountView>(page.Count);
        foreach (var account in page)
        {
            views.Add(await ViewOfAsync(accounts, account, time));
        }
        return TypedResults.Ok<IReadOnlyList<AccountView>>(views);
    }

    private static async Task<Ok<AccountView>> GetAsync(string id, UserManager<StaffAccount> accounts, TimeProvider time) =>
        TypedResults.Ok(await ViewOfAsync(accounts, await FindAsync(accounts, id), time));

    private static async Task<Ok<AccountView>> SetDisabledAsync(string id, bool disabled, UserManager<StaffAccount> accounts, TimeProvider time)
    {
        var account = await FindAsync(accounts, id);
        account.Disabled = disabled;
        await accounts.UpdateAsync(account);
        // A disabled account's existing refresh tokens stop working at once: the token endpoint checks the account.
        await accounts.UpdateSecurityStampAsync(account);
        return TypedResults.Ok(await ViewOfAsync(accounts, account, time));
    }

    private static async Task<Ok<AccountView>> UnlockAsync(string id, UserManager<StaffAccount> accounts, TimeProvider time)
    {
        var account = await FindAsync(accounts, id);
        await accounts.SetLockoutEndDateAsync(account, null);
        await accounts.ResetAccessFailedCountAsync(account);
        return TypedResults.Ok(await ViewOfAsync(accounts, account, time));
    }

    private static async Task<StaffAccount> FindAsync(UserManager<StaffAccount> accounts, string id) =>
        await accounts.FindByIdAsync(id) ?? throw new RecordNotFoundException("账户", id);

    private static async Task<AccountView> ViewOfAsync(UserManager<StaffAccount> accounts, StaffAccount account, TimeProvider time) =>
        new(account.Id, account.UserName!, account.DisplayName, [.. await accounts.GetRolesAsync(account)], account.Department, account.Villages,
            account.HouseholdGroup, account.MediationNode, account.Disabled,
            account.LockoutEnd is { } end && end > time.GetUtcNow() ? end : null, account.CreatedAt);
}

/// <summary>ASP.NET Core Identity's reasons, in the words staff read.</summary>
public static class PasswordRules
{
    public static string Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => "密码至少 12 位",
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "密码须包含数字",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "密码须包含至少 4 个不同的字符",
        nameof(IdentityErrorDescriber.DuplicateUserName) => "用户名已被使用",
        nameof(IdentityErrorDescriber.InvalidUserName) => "用户名不合规",
        _ => error.Description,
    };
}
