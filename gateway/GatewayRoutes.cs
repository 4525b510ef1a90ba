using Yarp.ReverseProxy.Configuration;

namespace Zaili.Gateway;

/// <summary>
/// One route prefix per service (<c>/api/mediation/...</c> goes to <c>http://mediation</c>, resolved by
/// service discovery), and each service's OpenAPI document at <c>/openapi/{service}.json</c>. API routes
/// need a valid token at the gateway already (the services check it again); public notices (公示) under
/// <c>{prefix}/public/</c> and sign-in do not. The OpenAPI documents need a token too: they are for staff and
/// district systems, who have one.
/// </summary>
public static class GatewayRoutes
{
    public const string Anonymous = "anonymous";
    public const string SignedIn = "default";
    public const string Administrators = "administrators";

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build()
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (service, prefix) in ResourceNames.Services)
        {
            clusters.Add(new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["primary"] = new() { Address = $"http://{service}" },
                },
            });
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-api",
                ClusterId = service,
                Match = new RouteMatch { Path = prefix + "/{**rest}" },
                AuthorizationPolicy = SignedIn,
            });
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-public",
                ClusterId = service,
                Order = -1,
                Match = new RouteMatch { Path = prefix + "/public/{**rest}" },
                AuthorizationPolicy = Anonymous,
            });
            // Administration is refused at the gateway already, before the service checks the role again.
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-audit",
                ClusterId = service,
                Order = -1,
                Match = new RouteMatch { Path = prefix + "/audit" },
                AuthorizationPolicy = Administrators,
            });
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-openapi",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/openapi/{service}.json" },
                AuthorizationPolicy = SignedIn,
                Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
            });
        }

        foreach (var (service, area) in new[]
        {
            (ResourceNames.Identity, "accounts"), (ResourceNames.Identity, "clients"),
            (ResourceNames.Reporting, "district-clients"), (ResourceNames.Reporting, "read-model"),
        })
        {
            var path = $"{ResourceNames.RoutePrefixOf(service)}/{area}/{{**rest}}";
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-{area}",
                ClusterId = service,
                Order = -1,
                Match = new RouteMatch { Path = path },
                AuthorizationPolicy = Administrators,
            });
        }

        // Sign-in and tokens: the OpenID Connect endpoints and the login page live in the identity service.
        foreach (var (name, path) in new[] { ("connect", "/connect/{**rest}"), ("account", "/account/{**rest}"), ("well-known", "/.well-known/{**rest}") })
        {
            routes.Add(new RouteConfig
            {
                RouteId = $"identity-{name}",
                ClusterId = ResourceNames.Identity,
                Match = new RouteMatch { Path = path },
                AuthorizationPolicy = Anonymous,
            });
        }
        return (routes, clusters);
    }
}
