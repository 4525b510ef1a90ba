using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Zaili.ServiceDefaults.Http;

/// <summary>
/// A role refusal says which roles the action needs, in the staff's words, so someone refused knows whom
/// to ask; a refusal for any other reason stays a plain 403. Challenges (401) are unchanged.
/// </summary>
public sealed class ForbiddenProblem(IProblemDetailsService problemDetails) : IAuthorizationMiddlewareResultHandler
{
    private static readonly Dictionary<string, string> ChineseNames = new(StringComparer.Ordinal)
    {
        [StaffRoles.Administrator] = "系统管理员",
        [StaffRoles.JusticeOffice] = "司法所",
        [StaffRoles.GovernanceCentre] = "综治中心",
        [StaffRoles.EnforcementDepartment] = "执法部门",
        [StaffRoles.PartyGovernmentOffice] = "党政办",
        [StaffRoles.VillageCounsel] = "村法律顾问",
        [StaffRoles.HouseholdHead] = "十户长",
        [StaffRoles.Mediator] = "调解员",
        [StaffRoles.DistrictSystem] = "区级系统",
    };

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var roles = authorizeResult.Forbidden
            ? authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>().FirstOrDefault()?.AllowedRoles
            : null;
        if (roles is null)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var needed = string.Join("、", roles.Where(r => r != StaffRoles.Administrator).Select(r => ChineseNames.GetValueOrDefault(r, r)));
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "无权执行此操作",
                Detail = needed.Length > 0 ? $"此操作需要以下角色之一：{needed}" : "此操作仅限系统管理员",
                Type = "https://zaili.gov/problems/role-required",
            },
        });
    }
}
