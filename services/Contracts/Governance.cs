namespace Zaili.Contracts;

/// <summary>A ten-household group chose its head (十户长) by the households' votes.</summary>
/// <param name="GroupId">The group (十联户).</param>
/// <param name="VillageCode">Division code of the village.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="HouseholdCount">Households in the group.</param>
/// <param name="Turnout">Households that voted.</param>
/// <param name="OccurredAt">When the head was chosen.</param>
public sealed record TenHouseholdHeadChosen(Guid GroupId, string VillageCode, string TownCode, int HouseholdCount, int Turnout, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A 十户长 raised an early warning (预警信息).</summary>
/// <param name="WarningId">The warning.</param>
/// <param name="VillageCode">Division code of the village.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="Category">DisputeRisk, SafetyHazard, Health or Other.</param>
/// <param name="Severity">1 to 3 (3 highest).</param>
/// <param name="HouseholdCount">Households involved.</param>
/// <param name="DisputeReportId">The dispute report it turned into, for a severity-3 dispute risk.</param>
/// <param name="OccurredAt">When it was raised.</param>
public sealed record EarlyWarningRaised(Guid WarningId, string VillageCode, string TownCode, string Category, int Severity, int HouseholdCount, Guid? DisputeReportId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>An appeal (群众诉求) was closed: solved (解决群众困难) or answered.</summary>
/// <param name="AppealId">The appeal.</param>
/// <param name="VillageCode">Division code of the village.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="Department">The department that handled it.</param>
/// <param name="Solved">True when the difficulty was solved, false when it was answered.</param>
/// <param name="DaysOpen">Whole days from collection to closing.</param>
/// <param name="OccurredAt">When it was closed.</param>
public sealed record AppealSolved(Guid AppealId, string VillageCode, string TownCode, string Department, bool Solved, int DaysOpen, DateTimeOffset OccurredAt) : IIntegrationEvent;
