namespace Zaili.Contracts;

/// <summary>A mediator was granted a grade (人民调解员等级评定).</summary>
/// <param name="MediatorId">The mediator (no name or identity number travels).</param>
/// <param name="NodeCode">The node the mediator serves.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="Grade">1 (一级, highest) to 4 (四级).</param>
/// <param name="OccurredAt">When the grade was granted.</param>
public sealed record MediatorGradeGranted(Guid MediatorId, string NodeCode, string TownCode, int Grade, DateTimeOffset OccurredAt) : IIntegrationEvent;
