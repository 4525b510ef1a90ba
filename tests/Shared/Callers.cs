using Zaili.ServiceDefaults.Http;

namespace Zaili.Testing;

/// <summary>Callers as a checked token would describe them, for unit tests of the services' access rules.</summary>
public static class Callers
{
    public static Caller With(string role, string? department = null, string[]? villages = null, string? group = null, string? node = null) =>
        new("subject-" + role, role, new HashSet<string> { role }, department, new HashSet<string>(villages ?? []), group, node, null);
}
