using Yarp.ReverseProxy.Configuration;

namespace Zaili.Gateway;

/// <summary>
/// One route prefix per service (<c>/api/mediation/...</c> goes to <c>http://mediation</c>, resolved by
/// service discovery), and each service's OpenAPI document at <c>/openapi/{service}.json</c>.
/// </summary>
public static class GatewayRoutes
{
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
            });
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-openapi",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/openapi/{service}.json" },
                Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
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
            });
        }
        return (routes, clusters);
    }
}
