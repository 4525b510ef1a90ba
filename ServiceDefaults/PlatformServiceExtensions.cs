using System.Reflection;
using System.Text.Json.Serialization;
using Dapper;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Zaili.ServiceDefaults.Data;
using Zaili.ServiceDefaults.Http;
using Zaili.ServiceDefaults.Messaging;
using Zaili.ServiceDefaults.Operations;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The shape every domain service shares, in one call each: its PostgreSQL database with migrations,
/// RabbitMQ messaging with outbox and inbox, JSON and validation, OpenAPI, errors as ProblemDetails.
/// </summary>
public static class PlatformServiceExtensions
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Registers a domain service's infrastructure. <paramref name="serviceName"/> is its resource name
    /// (e.g. <c>mediation</c>); its database is <c>{serviceName}-db</c>; migrations are the SQL files
    /// embedded from <c>Data/Migrations</c> of <paramref name="serviceAssembly"/>.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformService(
        this IHostApplicationBuilder builder,
        string serviceName,
        Assembly serviceAssembly,
        Action<IBusRegistrationConfigurator>? consumers = null)
    {
        DapperSetup.Configure();

        builder.AddServiceDefaults();
        var database = Zaili.ResourceNames.DatabaseOf(serviceName);
        var pools = DatabasePools.From(builder.Configuration);
        builder.AddNpgsqlDataSource(database,
            configureDataSourceBuilder: dataSource => pools.Apply(dataSource.ConnectionStringBuilder, pools.MaxPoolSize));
        // The relay's own small pool: under a burst of requests the shared pool is taken by them, and the relay
        // waited up to a second for a connection while the events they wrote piled up. Its size stays at the most
        // workers allow plus one: a pool of exactly its three workers made events wait 2-20 times longer between
        // the outbox and the broker at 100 reports/s (ADR 0012), for a reason not yet found.
        builder.AddKeyedNpgsqlDataSource(database,
            settings => settings.DisableHealthChecks = true,
            dataSource => pools.Apply(dataSource.ConnectionStringBuilder, OutboxRelay.MaxWorkers + 1));

        // Migrations run before anything else starts: hosted services start in registration order.
        builder.Services.AddSingleton(new MigrationSource(serviceAssembly));
        builder.Services.AddHostedService<SqlMigrator>();

        builder.Services.AddSingleton<AuditWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AuditWriter>());
        builder.Services.AddSingleton<PersonalDataProtector>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton(services => new Outbox(services.GetRequiredService<TimeProvider>(), services.GetRequiredService<OutboxSignal>()));
        builder.Services.AddSingleton<OutboxRelayStatus>();
        builder.Services.AddOptions<OutboxRelayOptions>().BindConfiguration("Outbox");
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<OutboxRelay>(services, services.GetRequiredKeyedService<NpgsqlDataSource>(database)));
        builder.Services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox", HealthStatus.Degraded, [ServiceDefaultsExtensions.ReadinessTag]);
        // Before the bus: it starts before the bus delivers anything and stops after the bus stopped delivering.
        builder.Services.AddOptions<InboxCommitOptions>().BindConfiguration("Inbox")
            .Validate(inbox => inbox.MaxMessagesPerCommit is >= 1 and <= InboxCommitOptions.MostMessagesPerCommit,
                $"Inbox:MaxMessagesPerCommit must be 1-{InboxCommitOptions.MostMessagesPerCommit}")
            .Validate(inbox => inbox.Writers is >= 1 and <= InboxCommitOptions.MostWriters, $"Inbox:Writers must be 1-{InboxCommitOptions.MostWriters}")
            .ValidateOnStart();
        builder.Services.AddSingleton<InboxCommitter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<InboxCommitter>());
        builder.AddPlatformBus(serviceName, consumers);
        builder.AddPlatformAuthentication();
        builder.Services.AddEndpointAccessCheck();
        builder.Services.AddBusinessGauges(BusinessMetricsRegistration.PlatformGauges);
        builder.Services.AddOptions<BusinessMetricsOptions>().BindConfiguration("BusinessMetrics");
        builder.Services.AddSingleton<BusinessMetrics>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BusinessMetrics>());

        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // Names only: a number would let any value through, an enum's own or not.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
            JsonBounds.AddTo(options.SerializerOptions);
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddOpenApi(options => options.DescribeBoundedDates());
        builder.WebHostLimits();
        return builder;
    }

    private static void WebHostLimits(this IHostApplicationBuilder builder) =>
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options =>
            options.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

    private static void AddPlatformBus(this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? consumers)
    {
        var connectionString = builder.Configuration.GetConnectionString(Zaili.ResourceNames.RabbitMq)
            ?? throw new InvalidOperationException($"Connection string '{Zaili.ResourceNames.RabbitMq}' is missing");

        var queues = new ServiceQueues();
        builder.Services.AddSingleton(queues);
        builder.Services.AddOptions<DelayedRedeliveryOptions>().BindConfiguration("Redelivery");
        builder.Services.AddSingleton<DelayedRedelivery>();
        builder.Services.AddSingleton<ErrorQueues>();
        builder.Services.AddOptions<ConsumeTimeBoundOptions>().BindConfiguration("Consume");
        builder.Services.AddSingleton<ConsumeWatch>();
        builder.Services.AddHealthChecks().AddCheck<ConsumeWatchHealthCheck>("consumes", HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadinessTag]);
        builder.Services.AddSingleton<IGaugeSource, ErrorQueueGauge>();
        builder.Services.AddMassTransit(bus =>
        {
            // Each service's queues carry its name, so two services consuming one event each get a copy.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            consumers?.Invoke(bus);

            bus.AddConfigureEndpointsCallback((context, queueName, endpoint) =>
            {
                queues.Add(queueName);
                // Outside the retries: a message that failed them all waits in a delay queue, then comes back.
                endpoint.UseFilter(new DelayedRedeliveryFilter(context.GetRequiredService<DelayedRedelivery>(), queueName));
                endpoint.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(400)));
                // Inside the retries: each attempt has a deadline of its own.
                endpoint.UseConsumeFilter(typeof(ConsumeTimeBound<>), context);
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                    rabbit.PrefetchCount = 32;
                }
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString), host =>
                {
                    host.PublisherConfirmation = true;
                    host.ConnectionName(serviceName);
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
    }

    /// <summary>Middleware and endpoints every domain service maps the same way.</summary>
    public static WebApplication UsePlatformService(this WebApplication app, string serviceName)
    {
        var routePrefix = Zaili.ResourceNames.RoutePrefixOf(serviceName);
        app.UseForwardedHeaders();
        // Outside the error handling, so a refused or failed change is logged with the status the caller saw.
        app.UseAuditTrail();
        app.UsePlatformProblemDetails();
        app.UseRouting();
        app.UseAuthentication();
        app.UseOperationLogScope();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapOpenApi().RequireSignedIn();
        app.MapGet(routePrefix + "/about", async (NpgsqlDataSource dataSource, IHostEnvironment environment, CancellationToken cancellationToken) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var migrations = await connection.QueryAsync<string>("SELECT id FROM schema_migrations ORDER BY applied_at, id");
            return TypedResults.Ok(new ServiceInfo(environment.ApplicationName, connection.Database, migrations.ToArray()));
        }).RequireSignedIn().WithName("About").WithTags("Service");
        // Read by reporting's rebuild inside the platform; the gateway does not route it.
        app.MapPublishedHistory(routePrefix).AllowAnonymous();
        app.MapOperationsEndpoints();
        app.MapAuditEndpoint(routePrefix);
        return app;
    }

    /// <summary>A group of endpoints with the roles that may read and change it; every group says.</summary>
    public static RouteGroupBuilder MapPlatformGroup(this IEndpointRouteBuilder endpoints, string prefix, string tag, StaffAccess access) =>
        endpoints.MapGroup(prefix).WithTags(tag).RequireStaff(access);

    /// <summary>A group anyone may read: the 公示 notices.</summary>
    public static RouteGroupBuilder MapPublicGroup(this IEndpointRouteBuilder endpoints, string prefix, string tag) =>
        endpoints.MapGroup(prefix).WithTags(tag).AllowAnonymous();
}

public sealed record ServiceInfo(string Service, string Database, IReadOnlyList<string> Migrations);
