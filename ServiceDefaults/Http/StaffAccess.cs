using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Zaili.ServiceDefaults.Http;

/// <summary>
/// Which roles may read (GET) and which may change (every other method) the endpoints of a group.
/// Administrators pass every role check. What a caller may see inside a service — their node, villages,
/// group or department — is each endpoint's own object-level check on top.
/// </summary>
public sealed record StaffAccess(IReadOnlyList<string> Readers, IReadOnlyList<string> Writers)
{
    public static StaffAccess Only(params string[] roles) => new(roles, roles);

    public static StaffAccess ReadWrite(string[] readers, string[] writers) => new([.. readers.Union(writers)], writers);

    internal static AuthorizationPolicy PolicyFor(IEnumerable<string> roles) => new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
        .RequireAuthenticatedUser()
        .RequireRole([StaffRoles.Administrator, .. roles])
        .Build();
}

/// <summary>Marks an endpoint that every signed-in caller may use (e.g. "who am I").</summary>
public sealed class AnySignedInMetadata;

public static class StaffAccessExtensions
{
    /// <summary>
    /// Roles for one endpoint. On an endpoint of a group both apply: the endpoint narrows the group
    /// (e.g. a group writable by 司法所 and 调解员, one endpoint of it by 调解员 only).
    /// </summary>
    public static TBuilder RequireStaff<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder
    {
        if (roles.Length == 0)
        {
            throw new ArgumentException("Name at least one role", nameof(roles));
        }
        return builder.RequireAuthorization(StaffAccess.PolicyFor(roles));
    }

    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build())
            .WithMetadata(new AnySignedInMetadata());

    /// <summary>A group whose reads and writes are each open to the given roles only.</summary>
    public static RouteGroupBuilder RequireStaff(this RouteGroupBuilder group, StaffAccess access)
    {
        var read = StaffAccess.PolicyFor(access.Readers);
        var write = StaffAccess.PolicyFor(access.Writers);
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var readsOnly = methods.Count > 0 && methods.All(m => HttpMethods.IsGet(m) || HttpMethods.IsHead(m));
            endpoint.Metadata.Add(readsOnly ? read : write);
        });
        return group;
    }

    /// <summary>
    /// Fails the start of a service with an endpoint under <c>/api/</c> that says nothing about who may call it:
    /// "any valid token" is never the intended rule by accident.
    /// </summary>
    public static IServiceCollection AddEndpointAccessCheck(this IServiceCollection services) =>
        services.AddHostedService<EndpointAccessCheck>();

    private sealed class EndpointAccessCheck(EndpointDataSource endpoints) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var undeclared = endpoints.Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
                .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                    && e.Metadata.GetMetadata<AnySignedInMetadata>() is null
                    && !e.Metadata.OfType<AuthorizationPolicy>().Any(p => p.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>().Any())
                    && !e.Metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Roles) || !string.IsNullOrEmpty(a.Policy)))
                .Select(e => e.RoutePattern.RawText + " " + string.Join(',', e.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods)))
                .ToList();
            if (undeclared.Count > 0)
            {
                throw new InvalidOperationException("Endpoints without declared roles: " + string.Join("; ", undeclared));
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
