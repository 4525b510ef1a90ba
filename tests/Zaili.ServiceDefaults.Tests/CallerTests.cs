using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Zaili.ServiceDefaults.Http;

namespace Zaili.ServiceDefaults.Tests;

public sealed class CallerTests
{
    [Fact]
    public void A_request_reads_its_callers_claims_once_and_afresh_when_its_principal_changes()
    {
        var context = new DefaultHttpContext { User = Signed("u-1", "mediator") };

        var first = Caller.Of(context);
        Assert.Same(first, Caller.Of(context));
        Assert.Equal("u-1", first.Subject);
        Assert.Contains("mediator", first.Roles);

        context.User = Signed("u-2", StaffRoles.Administrator);
        var second = Caller.Of(context);
        Assert.Equal("u-2", second.Subject);
        Assert.True(second.IsAdministrator);
    }

    [Fact]
    public void A_request_without_a_checked_token_is_the_anonymous_caller()
    {
        var context = new DefaultHttpContext();

        Assert.Same(Caller.Anonymous, Caller.Of(context));
    }

    private static ClaimsPrincipal Signed(string subject, string role) =>
        new(new ClaimsIdentity([new Claim(Caller.SubjectClaim, subject), new Claim(Caller.RoleClaim, role)], "Bearer", Caller.NameClaim, Caller.RoleClaim));
}
