namespace Zaili.Contracts;

/// <summary>
/// A district system's client credentials were revoked in the identity service: it gets no new token, its
/// calls to the district interface are refused, and nothing more is pushed to its webhooks.
/// </summary>
/// <param name="ClientId">The client id, the subject of its tokens.</param>
/// <param name="OccurredAt">When it was revoked.</param>
public sealed record DistrictSystemRevoked(string ClientId, DateTimeOffset OccurredAt) : IIntegrationEvent;
