using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace Zaili.ServiceDefaults.Http;

/// <summary>
/// Access tokens this process has already validated, until they expire. A client sends the same token with
/// every request for its lifetime, and checking it again (an RSA signature, its claims) was the largest
/// single cost of a request through the gateway (≈ 12 % of its CPU under load) and was paid again by the
/// service behind it. Only a token that passed the full check is remembered, by its exact text (signature
/// included), and never past its expiry; each request gets its own copy of the caller's identity.
/// </summary>
public sealed class ValidatedTokens(TimeProvider time, int capacity = ValidatedTokens.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;

    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Caller, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.Ordinal);

    public int Count => _tokens.Count;

    public bool TryGet(string token, [NotNullWhen(true)] out ClaimsPrincipal? caller)
    {
        if (_tokens.TryGetValue(token, out var known))
        {
            if (time.GetUtcNow() < known.ExpiresAt)
            {
                caller = new ClaimsPrincipal(known.Caller.Identities.Select(identity => identity.Clone()));
                return true;
            }
            _tokens.TryRemove(token, out _);
        }
        caller = null;
        return false;
    }

    public void Remember(string token, ClaimsPrincipal caller, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        if (expiresAt <= now)
        {
            return;
        }
        if (_tokens.Count >= capacity)
        {
            // Expired tokens go first; if the live ones alone fill it (more signed-in clients than it holds),
            // start again rather than let it grow: a forgotten token is only checked again.
            foreach (var (expired, _) in _tokens.Where(entry => entry.Value.ExpiresAt <= now))
            {
                _tokens.TryRemove(expired, out _);
            }
            if (_tokens.Count >= capacity)
            {
                _tokens.Clear();
            }
        }
        _tokens[token] = (new ClaimsPrincipal(caller.Identities.Select(identity => identity.Clone())), expiresAt);
    }
}
