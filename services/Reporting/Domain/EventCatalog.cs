using System.Reflection;
using Zaili.Contracts;

namespace Zaili.Reporting.Domain;

/// <summary>The integration events reporting reads, by their short type name, with the service that publishes each.</summary>
public static class EventCatalog
{
    public static IReadOnlyDictionary<string, Type> Types { get; } =
        Zaili.ServiceDefaults.Messaging.MessageTypes.All.ToDictionary(type => type.Name, StringComparer.Ordinal);

    /// <summary>The services whose published history a rebuild replays, with what each publishes.</summary>
    public static IReadOnlyList<string> Publishers { get; } = ["governance", "mediation", "enforcement", "legal-education", "village-review", "reporting"];

    /// <summary>The town an event belongs to: its TownCode, or the town of its village.</summary>
    public static string? TownOf(IIntegrationEvent integrationEvent)
    {
        var type = integrationEvent.GetType();
        if (type.GetProperty("TownCode", BindingFlags.Public | BindingFlags.Instance)?.GetValue(integrationEvent) is string town)
        {
            return town;
        }
        return type.GetProperty("VillageCode", BindingFlags.Public | BindingFlags.Instance)?.GetValue(integrationEvent) is string { Length: 12 } village
            ? village[..9] + "000"
            : null;
    }
}
