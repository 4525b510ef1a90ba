namespace Zaili.Contracts;

/// <summary>
/// An integration event: a fact in the past tense that one service publishes for others. Events are
/// versioned by adding fields, never by changing a field's meaning. No identity number, phone number
/// or name of a private person travels in an event.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>When the fact happened (the publishing service's clock).</summary>
    DateTimeOffset OccurredAt { get; }
}
