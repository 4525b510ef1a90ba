namespace Zaili.Contracts;

/// <summary>Governance added or changed a village (村居) of the directory; other services keep their copy from it.</summary>
/// <param name="VillageCode">12-digit division code.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="Name">The village's name.</param>
/// <param name="IsPilot">A 十户长+ pilot village.</param>
/// <param name="OccurredAt">When it was registered or changed.</param>
public sealed record VillageRegistered(string VillageCode, string TownCode, string Name, bool IsPilot, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A village counsel gave a legality opinion (合法性审查意见) on a major matter.</summary>
/// <param name="MatterId">The matter.</param>
/// <param name="Version">The version reviewed.</param>
/// <param name="VillageCode">Division code of the village.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="Kind">CollectiveEconomicContract, VillageRules, AssetsDecision or Other.</param>
/// <param name="Opinion">Lawful, Rectify or Unlawful.</param>
/// <param name="WorkingDays">Working days from submission of the version to the opinion.</param>
/// <param name="CampaignId">The 四清 campaign it belongs to, if any.</param>
/// <param name="OccurredAt">When the opinion was given.</param>
public sealed record VillageMatterReviewed(Guid MatterId, int Version, string VillageCode, string TownCode, string Kind, string Opinion, int WorkingDays, Guid? CampaignId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The counsel asked the village to rectify a matter (需整改); a new version must follow.</summary>
/// <param name="MatterId">The matter.</param>
/// <param name="Version">The version that must be rectified.</param>
/// <param name="VillageCode">Division code of the village.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="CampaignId">The 四清 campaign it belongs to, if any.</param>
/// <param name="OccurredAt">When rectification was required.</param>
public sealed record RectificationRequired(Guid MatterId, int Version, string VillageCode, string TownCode, Guid? CampaignId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A lawful matter was filed (备案) with the town and took effect.</summary>
/// <param name="MatterId">The matter.</param>
/// <param name="FilingNumber">The town's filing number.</param>
/// <param name="VillageCode">Division code of the village.</param>
/// <param name="TownCode">Division code of the town.</param>
/// <param name="Kind">The kind of matter.</param>
/// <param name="Versions">How many versions it took (2 or more: it was rectified).</param>
/// <param name="CampaignId">The 四清 campaign it belongs to, if any.</param>
/// <param name="OccurredAt">When it was filed.</param>
public sealed record VillageMatterFiled(Guid MatterId, string FilingNumber, string VillageCode, string TownCode, string Kind, int Versions, Guid? CampaignId, DateTimeOffset OccurredAt) : IIntegrationEvent;
