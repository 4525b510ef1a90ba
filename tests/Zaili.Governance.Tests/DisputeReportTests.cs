using Zaili.Contracts;
using Zaili.Governance.Domain;
using Zaili.SharedKernel;

namespace Zaili.Governance.Tests;

public class DisputeReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 8, 30, 0, TimeSpan.Zero);
    private static readonly Village Yuanjia = Village.Create("370302107201", "袁家村", isPilot: true);

    private static DisputeReport File() =>
        DisputeReport.File(Yuanjia, Yuanjia.Code, 3, DisputeCategory.Homestead, " 宅基地边界争议 ", "head-7", Now);

    [Fact]
    public void A_report_belongs_to_the_village_and_its_town()
    {
        var report = File();

        Assert.Equal(DisputeReportStatus.Reported, report.Status);
        Assert.Equal("370302107000", report.TownCode);
        Assert.Equal("宅基地边界争议", report.Summary);
    }

    [Fact]
    public void An_unknown_village_is_refused()
    {
        var error = Assert.Throws<DomainRuleException>(() =>
            DisputeReport.File(null, "370302107299", 3, DisputeCategory.Homestead, "争议", "head-7", Now));
        Assert.Equal("village-unknown", error.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(DisputeReport.MaxHouseholds + 1)]
    public void The_household_count_must_be_plausible(int households)
    {
        Assert.Throws<DomainRuleException>(() =>
            DisputeReport.File(Yuanjia, Yuanjia.Code, households, DisputeCategory.Homestead, "争议", "head-7", Now));
    }

    [Fact]
    public void Mediation_outcomes_move_the_report_forward()
    {
        var report = File();
        var caseId = Guid.NewGuid();

        Assert.True(report.CaseOpened(caseId, Yuanjia.Code, MediationLevel.Village, Now.AddMinutes(1)));
        Assert.Equal(DisputeReportStatus.InMediation, report.Status);

        Assert.True(report.Resolved(caseId, "PQ-01", MediationLevel.Section, "双方达成协议", Now.AddDays(3)));
        Assert.Equal(DisputeReportStatus.Resolved, report.Status);
        Assert.Equal(MediationLevel.Section, report.MediationLevel);
        Assert.Equal("双方达成协议", report.Outcome);
    }

    [Fact]
    public void A_late_case_opened_event_does_not_move_a_resolved_report_back()
    {
        var report = File();
        var caseId = Guid.NewGuid();
        report.Resolved(caseId, Yuanjia.Code, MediationLevel.Village, "协议", Now.AddDays(1));

        Assert.False(report.CaseOpened(caseId, Yuanjia.Code, MediationLevel.Village, Now));
        Assert.False(report.Resolved(caseId, Yuanjia.Code, MediationLevel.Village, "协议", Now.AddDays(1)));
        Assert.Equal(DisputeReportStatus.Resolved, report.Status);
    }

    [Theory]
    [InlineData("370302107000")] // a town, not a village
    [InlineData("3703021072")]
    public void A_village_needs_a_village_division_code(string code)
    {
        Assert.Throws<DomainRuleException>(() => Village.Create(code, "某村", isPilot: false));
    }
}

public class DisputeReportEscalationTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 8, 30, 0, TimeSpan.Zero);

    private static DisputeReport InMediation(out Guid caseId)
    {
        var village = Village.Create("370302107201", "袁家村", isPilot: true);
        var report = DisputeReport.File(village, village.Code, 2, DisputeCategory.Labour, "工资纠纷", "head-1", Now);
        caseId = Guid.NewGuid();
        report.CaseOpened(caseId, village.Code, MediationLevel.Village, Now);
        return report;
    }

    [Fact]
    public void The_report_follows_its_case_up_the_network_but_never_down()
    {
        var report = InMediation(out var caseId);

        Assert.True(report.Escalated(caseId, "PQ-01", MediationLevel.Section, Now.AddDays(1)));
        Assert.Equal(MediationLevel.Section, report.MediationLevel);
        Assert.False(report.Escalated(caseId, "370302107201", MediationLevel.Village, Now.AddDays(2)));
        Assert.Equal("PQ-01", report.MediationNode);
    }

    [Fact]
    public void A_referral_out_is_final()
    {
        var report = InMediation(out var caseId);

        Assert.True(report.ReferredOut(caseId, "370302107000", "Court", "当事人坚持起诉", Now.AddDays(9)));
        Assert.Equal(DisputeReportStatus.ReferredOut, report.Status);
        Assert.False(report.Resolved(caseId, "370302107000", MediationLevel.Town, "协议", Now.AddDays(10)));
        Assert.False(report.Escalated(caseId, "370302107000", MediationLevel.Town, Now.AddDays(10)));
    }
}
