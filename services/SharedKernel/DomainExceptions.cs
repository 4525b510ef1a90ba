namespace Zaili.SharedKernel;

/// <summary>
/// A request that is well formed but breaks a rule of the domain (HTTP 422).
/// Messages are Chinese: they reach the department staff as they are.
/// </summary>
public class DomainRuleException(string message, string? code = null) : Exception(message)
{
    /// <summary>A stable English code for clients, e.g. <c>village-unknown</c>.</summary>
    public string? Code { get; } = code;
}

/// <summary>A state transition the state machine does not allow from the current state (HTTP 409).</summary>
public sealed class InvalidTransitionException(string entity, string currentState, string attempted, IReadOnlyCollection<string> allowed)
    : Exception($"{entity}当前状态为“{currentState}”，不能执行“{attempted}”")
{
    public string Entity { get; } = entity;
    public string CurrentState { get; } = currentState;
    public string Attempted { get; } = attempted;
    public IReadOnlyCollection<string> Allowed { get; } = allowed;
}

/// <summary>The record addressed does not exist for this caller (HTTP 404).</summary>
public sealed class RecordNotFoundException(string entity, string id) : Exception($"{entity} {id} 不存在")
{
    public string Entity { get; } = entity;
    public string Id { get; } = id;
}

/// <summary>The request conflicts with what is already recorded, e.g. a reused reference with other content (HTTP 409).</summary>
public class ConflictException(string message, string code) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// The caller may use this endpoint but not on this place (another village, group, node or department), HTTP 403.
/// A single record outside the caller's reach is a <see cref="RecordNotFoundException"/> instead: its existence is not disclosed.
/// </summary>
public sealed class AccessDeniedException(string message) : Exception(message);
