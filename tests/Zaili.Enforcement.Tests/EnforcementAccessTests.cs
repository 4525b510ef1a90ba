using Zaili.Enforcement.Apis;
using Zaili.ServiceDefaults.Http;
using Zaili.SharedKernel;
using Zaili.Testing;

namespace Zaili.Enforcement.Tests;

public class EnforcementAccessTests
{
    private static readonly Caller Safety = Callers.With(StaffRoles.EnforcementDepartment, department: "安环办");
    private static readonly Caller Office = Callers.With(StaffRoles.JusticeOffice);

    [Fact]
    public void A_department_works_its_own_cases_and_no_other()
    {
        EnforcementAccess.EnsureOwnCase(Safety, Guid.NewGuid(), "安环办");
        Assert.Throws<RecordNotFoundException>(() => EnforcementAccess.EnsureOwnCase(Safety, Guid.NewGuid(), "卫健办"));
        Assert.Throws<AccessDeniedException>(() => EnforcementAccess.EnsureOwnDepartment(Safety, "卫健办"));
        EnforcementAccess.EnsureOwnCase(Office, Guid.NewGuid(), "卫健办");
    }

    [Fact]
    public void A_department_lists_its_own_officers_whatever_it_asks_for()
    {
        Assert.Equal("安环办", EnforcementAccess.DepartmentFor(Safety, null));
        Assert.Equal("安环办", EnforcementAccess.DepartmentFor(Safety, "安环办"));
        Assert.Throws<AccessDeniedException>(() => EnforcementAccess.DepartmentFor(Safety, "卫健办"));
        Assert.Null(EnforcementAccess.DepartmentFor(Office, null));
        Assert.Equal("卫健办", EnforcementAccess.DepartmentFor(Office, "卫健办"));
    }

    [Fact]
    public void An_enforcement_account_without_a_department_works_no_department_s_cases() =>
        Assert.Throws<RecordNotFoundException>(() => EnforcementAccess.EnsureOwnCase(Callers.With(StaffRoles.EnforcementDepartment), Guid.NewGuid(), "安环办"));
}
