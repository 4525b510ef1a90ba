using Zaili.Contracts;
using Zaili.Mediation.Domain;
using Zaili.SharedKernel;

namespace Zaili.Mediation.Tests;

public class MediatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly NetworkNode Node = new("PQ-01", "第一片区", MediationLevel.Section, "GQ-01", null, "370302107000");

    private static Mediator Register(MediatorGrade? grade = null) =>
        Mediator.Register(Node, "张明", ResidentIdentityNumber.Parse("11010519491231002X"), "13912345678", grade, Now);

    [Fact]
    public void Registration_keeps_only_the_masked_identity_number()
    {
        var mediator = Register();

        Assert.Equal("1101**********002X", mediator.IdentityMasked);
        Assert.Equal("139****5678", PhoneNumbers.Mask(mediator.Phone));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1391234567a")]
    [InlineData("23912345678")]
    public void A_phone_number_must_be_a_mobile_or_landline(string phone)
    {
        Assert.Throws<DomainRuleException>(() => Mediator.Register(Node, "张明", ResidentIdentityNumber.Parse("11010519491231002X"), phone, null, Now));
    }

    [Fact]
    public void A_granted_application_gives_the_grade()
    {
        var mediator = Register(MediatorGrade.Fourth);
        var application = GradeApplication.Apply(mediator, MediatorGrade.Third, hasPendingApplication: false, Now);

        application.Evaluate(mediator, granted: true, null, "司法所", Now.AddDays(10));

        Assert.Equal(GradeApplicationStatus.Granted, application.Status);
        Assert.Equal(MediatorGrade.Third, mediator.Grade);
    }

    [Fact]
    public void A_refusal_needs_reasons_and_leaves_the_grade()
    {
        var mediator = Register(MediatorGrade.Fourth);
        var application = GradeApplication.Apply(mediator, MediatorGrade.Second, false, Now);

        Assert.Throws<DomainRuleException>(() => application.Evaluate(mediator, granted: false, "  ", "司法所", Now));
        application.Evaluate(mediator, granted: false, "调解案件数量不足", "司法所", Now);

        Assert.Equal(GradeApplicationStatus.Refused, application.Status);
        Assert.Equal(MediatorGrade.Fourth, mediator.Grade);
        Assert.Throws<InvalidTransitionException>(() => application.Evaluate(mediator, true, null, "司法所", Now));
    }

    [Theory]
    [InlineData(MediatorGrade.Third)]
    [InlineData(MediatorGrade.Fourth)]
    public void One_applies_for_a_higher_grade_than_held(MediatorGrade requested)
    {
        var mediator = Register(MediatorGrade.Third);

        Assert.Equal("application-grade", Assert.Throws<DomainRuleException>(() => GradeApplication.Apply(mediator, requested, false, Now)).Code);
    }

    [Fact]
    public void One_application_at_a_time()
    {
        Assert.Equal("application-pending", Assert.Throws<DomainRuleException>(() => GradeApplication.Apply(Register(), MediatorGrade.Fourth, true, Now)).Code);
    }
}
