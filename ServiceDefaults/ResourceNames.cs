namespace Zaili;

/// <summary>
/// Names of the resources in the Aspire app model. The AppHost, the services (connection names)
/// and the tests all use these, so a rename happens in one place.
/// </summary>
#if APPHOST
internal static class ResourceNames
#else
public static class ResourceNames
#endif
{
    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";
    public const string Epmd = "rabbitmq-epmd";
    public const string Gateway = "gateway";

    public const string LegalEducation = "legal-education";
    public const string Enforcement = "enforcement";
    public const string Mediation = "mediation";
    public const string VillageReview = "village-review";
    public const string Governance = "governance";
    public const string Reporting = "reporting";
    public const string Identity = "identity";

    public static string DatabaseOf(string service) => service + "-db";

    public static string RoutePrefixOf(string service) =>
        Services.Single(s => s.Service == service).RoutePrefix;

    /// <summary>Every domain service with the route prefix it owns behind the gateway.</summary>
    public static readonly IReadOnlyList<(string Service, string RoutePrefix)> Services =
    [
        (LegalEducation, "/api/education"),
        (Enforcement, "/api/enforcement"),
        (Mediation, "/api/mediation"),
        (VillageReview, "/api/village-review"),
        (Governance, "/api/governance"),
        (Reporting, "/api/reports"),
        (Identity, "/api/identity"),
    ];
}
