using Zaili.SharedKernel;

namespace Zaili.Mediation.Domain;

/// <summary>人民调解员等级: 一级 is the highest, 四级 the entry grade.</summary>
public enum MediatorGrade
{
    First = 1,
    Second = 2,
    Third = 3,
    Fourth = 4,
}

public enum GradeApplicationStatus
{
    /// <summary>已申请, waiting for evaluation.</summary>
    Applied,
    /// <summary>已评定 — granted.</summary>
    Granted,
    /// <summary>未通过, with reasons.</summary>
    Refused,
}

/// <summary>A people's mediator (人民调解员) registered at one node of the network.</summary>
public sealed class Mediator
{
    public required Guid Id { get; init; }
    public required string NodeCode { get; init; }
    public required string Name { get; init; }
    public required string IdentityMasked { get; init; }
    public required string Phone { get; init; }
    public MediatorGrade? Grade { get; private set; }
    public bool Active { get; init; } = true;
    public required DateTimeOffset RegisteredAt { get; init; }

    public static Mediator Register(NetworkNode node, string name, ResidentIdentityNumber identity, string phone, MediatorGrade? grade, DateTimeOffset now)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is < 2 or > 30)
        {
            throw new DomainRuleException("调解员姓名应为2至30个字", "mediator-name");
        }
        var number = PhoneNumbers.Validate(phone);
        return new Mediator
        {
            Id = Guid.CreateVersion7(now),
            NodeCode = node.Code,
            Name = trimmed,
            IdentityMasked = identity.Masked,
            Phone = number,
            Grade = grade,
            RegisteredAt = now,
        };
    }

    public static Mediator Restore(Guid id, string nodeCode, string name, string identityMasked, string phone, string? grade, bool active, DateTimeOffset registeredAt) => new()
    {
        Id = id,
        NodeCode = nodeCode,
        Name = name,
        IdentityMasked = identityMasked,
        Phone = phone,
        Grade = grade is null ? null : Enum.Parse<MediatorGrade>(grade),
        Active = active,
        RegisteredAt = registeredAt,
    };

    public void GrantGrade(MediatorGrade grade) => Grade = grade;

    public static string GradeName(MediatorGrade grade) => grade switch
    {
        MediatorGrade.First => "一级人民调解员",
        MediatorGrade.Second => "二级人民调解员",
        MediatorGrade.Third => "三级人民调解员",
        MediatorGrade.Fourth => "四级人民调解员",
        _ => grade.ToString(),
    };
}

/// <summary>人民调解员等级评定: apply → evaluate → granted or refused with reasons.</summary>
public sealed class GradeApplication
{
    public required Guid Id { get; init; }
    public required Guid MediatorId { get; init; }
    public required MediatorGrade RequestedGrade { get; init; }
    public required DateTimeOffset AppliedAt { get; init; }
    public GradeApplicationStatus Status { get; private set; }
    public string? EvaluatedBy { get; private set; }
    public DateTimeOffset? EvaluatedAt { get; private set; }
    public string? Reasons { get; private set; }

    /// <summary>A mediator applies for a grade above the one held, with no other application pending.</summary>
    public static GradeApplication Apply(Mediator mediator, MediatorGrade requested, bool hasPendingApplication, DateTimeOffset now)
    {
        if (!mediator.Active)
        {
            throw new DomainRuleException($"调解员 {mediator.Name} 已停用", "mediator-inactive");
        }
        if (hasPendingApplication)
        {
            throw new DomainRuleException($"调解员 {mediator.Name} 已有一项待评定的申请", "application-pending");
        }
        if (mediator.Grade is { } held && (int)requested >= (int)held)
        {
            throw new DomainRuleException($"申请等级应高于现有等级（{Mediator.GradeName(held)}）", "application-grade");
        }
        return new GradeApplication
        {
            Id = Guid.CreateVersion7(now),
            MediatorId = mediator.Id,
            RequestedGrade = requested,
            AppliedAt = now,
            Status = GradeApplicationStatus.Applied,
        };
    }

    public static GradeApplication Restore(Guid id, Guid mediatorId, string requestedGrade, DateTimeOffset appliedAt, string status, string? evaluatedBy, DateTimeOffset? evaluatedAt, string? reasons)
    {
        var application = new GradeApplication
        {
            Id = id,
            MediatorId = mediatorId,
            RequestedGrade = Enum.Parse<MediatorGrade>(requestedGrade),
            AppliedAt = appliedAt,
        };
        application.Status = Enum.Parse<GradeApplicationStatus>(status);
        application.EvaluatedBy = evaluatedBy;
        application.EvaluatedAt = evaluatedAt;
        application.Reasons = reasons;
        return application;
    }

    /// <summary>The evaluation: a refusal must say why; a grant gives the mediator the grade.</summary>
    public void Evaluate(Mediator mediator, bool granted, string? reasons, string evaluator, DateTimeOffset now)
    {
        if (Status != GradeApplicationStatus.Applied)
        {
            throw new InvalidTransitionException("等级申请", Status.ToString(), granted ? "Grant" : "Refuse", []);
        }
        var text = reasons?.Trim();
        if (!granted && string.IsNullOrEmpty(text))
        {
            throw new DomainRuleException("不予评定时应说明理由", "application-reasons");
        }
        Status = granted ? GradeApplicationStatus.Granted : GradeApplicationStatus.Refused;
        EvaluatedBy = evaluator;
        EvaluatedAt = now;
        Reasons = string.IsNullOrEmpty(text) ? null : text;
        if (granted)
        {
            mediator.GrantGrade(RequestedGrade);
        }
    }
}
