using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zaili;
using Zaili.AppHost;
using Zaili.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = PlatformInfrastructure.Add(builder);
var rabbitMq = infrastructure.RabbitMq;
var personalDataKey = builder.AddParameter("personal-data-key", infrastructure.DataRoot.Secret("personal-data-key"), secret: true);

// Tokens: the identity service signs with the installation's key; every service and the gateway check them
// with its public half, named here once.
var signingKeyPem = infrastructure.DataRoot.RsaPrivateKey("identity-signing-key");
var signingPublicKey = PublicKeyOf(signingKeyPem);

// Replicas of every domain service compete for their queues and outbox rows: the reliability suite runs
// with two to prove that nothing is applied twice; one is enough for the town's load.
var replicas = builder.Configuration.GetValue("Zaili:Replicas", 1);
if (replicas is < 1 or > 4)
{
    throw new InvalidOperationException($"Zaili:Replicas must be 1 to 4, not {replicas}");
}

IResourceBuilder<ProjectResource> Service<TProject>(string name) where TProject : IProjectMetadata, new()
{
    var database = infrastructure.AddDatabase(ResourceNames.DatabaseOf(name));
    var service = builder.AddProject<TProject>(name).LaunchFromBuildOutput();
    // Tests shorten the delay before a failed message is tried again, and the consume deadline; the bench
    // compares pool and inbox settings; the town runs on the defaults.
    foreach (var section in new[] { "Redelivery", "Consume", "Database", "Inbox" })
    {
        foreach (var setting in builder.Configuration.GetSection("Zaili:" + section).GetChildren())
        {
            service.WithEnvironment(section + "__" + setting.Key, setting.Value);
        }
    }
    return service
        .WithReference(database)
        .WithReference(rabbitMq)
        .WaitFor(database)
        .WaitFor(rabbitMq)
        .WithEnvironment("Zaili__PersonalDataKey", personalDataKey)
        .WithEnvironment("Identity__SigningPublicKey", signingPublicKey)
        .WithPromptHttpHealthCheck("/health")
        .WithReplicas(replicas)
        .ListenDirectlyUnlessReplicated(replicas);
}

var services = new[]
{
    Service<Projects.Zaili_LegalEducation>(ResourceNames.LegalEducation),
    Service<Projects.Zaili_Enforcement>(ResourceNames.Enforcement),
    Service<Projects.Zaili_Mediation>(ResourceNames.Mediation),
    Service<Projects.Zaili_VillageReview>(ResourceNames.VillageReview),
    Service<Projects.Zaili_Governance>(ResourceNames.Governance),
    Service<Projects.Zaili_Reporting>(ResourceNames.Reporting),
};

// Staff sign-in and tokens (OpenIddict). The first administrator's password is a secret of the data root:
// `<data root>/secrets/identity-admin-password`, never a default in code.
var identity = Service<Projects.Zaili_Identity>(ResourceNames.Identity)
    .WithEnvironment("Identity__SigningKey", builder.AddParameter("identity-signing-key", signingKeyPem, secret: true))
    .WithEnvironment("Identity__TokenKey", builder.AddParameter("identity-token-key", infrastructure.DataRoot.Secret("identity-token-key"), secret: true))
    .WithEnvironment("Identity__AdminPassword", builder.AddParameter("identity-admin-password", infrastructure.DataRoot.Secret("identity-admin-password"), secret: true));

foreach (var service in services.Append(identity))
{
    service.WithReplayErrorsCommand();
}

// Reporting replays the other services' published history when its read model is rebuilt.
var reporting = services[^1].WithRebuildReadModelCommand();
foreach (var service in services[..^1])
{
    reporting.WithReference(service);
}
foreach (var setting in builder.Configuration.GetSection("Zaili:Webhooks").GetChildren())
{
    reporting.WithEnvironment("Webhooks__" + setting.Key, setting.Value);
}

var gateway = builder.AddProject<Projects.Zaili_Gateway>(ResourceNames.Gateway)
    .LaunchFromBuildOutput()
    .WithEnvironment("Identity__SigningPublicKey", signingPublicKey)
    .WithExternalHttpEndpoints()
    .WithPromptHttpHealthCheck("/health")
    .ListenDirectlyUnlessReplicated(replicas: 1);
foreach (var setting in builder.Configuration.GetSection("Zaili:RateLimits").GetChildren())
{
    gateway.WithEnvironment("RateLimits__" + setting.Key, setting.Value);
}
// The gateway starts with the services, not after them: its routes need only their addresses, which are known
// before anything starts. A request for a service that is not up yet gets the gateway's 502 ProblemDetails (with
// replicas, it waits at the orchestrator's proxy until one listens). Waiting for all of them was 3–4 s of the start.
foreach (var service in services.Append(identity))
{
    gateway.WithReference(service);
}
// How often each process sends its metrics to the dashboard: every 10 s. Aspire's development default, every
// second, cost the idle platform 8 % of a core (ADR 0009).
var metricExportMilliseconds = builder.Configuration["Zaili:Telemetry:MetricExportMilliseconds"] ?? "10000";
// Tokens name the gateway as their issuer: it is where clients reach /connect/*.
var issuer = ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/");
foreach (var resource in services.Append(identity).Append(gateway))
{
    resource.WithEnvironment("Identity__Issuer", issuer);
    // The share of traces exported to the dashboard (1 = all) and at most how many new ones a second per
    // process (2 unless set); failed requests and messages always are.
    foreach (var setting in new[] { "TraceSampleRatio", "TracesPerSecond" })
    {
        if (builder.Configuration[$"Zaili:Telemetry:{setting}"] is { } value)
        {
            resource.WithEnvironment($"Telemetry__{setting}", value);
        }
    }
    resource.WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", metricExportMilliseconds);
}

// One line an operator can act on, once every resource is healthy: where the gateway answers, and how long the
// start took.
StartTimeline.LogEveryResource(builder, (logger, seconds) => logger.LogInformation(
    "Platform ready ({Mode} infrastructure) in {Seconds:0.0} s. Gateway: {Gateway}",
    infrastructure.Mode, seconds, gateway.GetEndpoint("http").Url));
builder.Build().Run();

static string PublicKeyOf(string privateKeyPem)
{
    using var rsa = System.Security.Cryptography.RSA.Create();
    rsa.ImportFromPem(privateKeyPem);
    return rsa.ExportSubjectPublicKeyInfoPem();
}
