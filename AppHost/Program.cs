using Zaili;
using Zaili.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = PlatformInfrastructure.Add(builder);
var rabbitMq = infrastructure.RabbitMq;

IResourceBuilder<ProjectResource> Service<TProject>(string name) where TProject : IProjectMetadata, new()
{
    var database = infrastructure.AddDatabase(ResourceNames.DatabaseOf(name));
    return builder.AddProject<TProject>(name)
        .WithReference(database)
        .WithReference(rabbitMq)
        .WaitFor(database)
        .WaitFor(rabbitMq)
        .WithHttpHealthCheck("/health");
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

var gateway = builder.AddProject<Projects.Zaili_Gateway>(ResourceNames.Gateway)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");
foreach (var service in services)
{
    gateway.WithReference(service).WaitFor(service);
}

builder.Build().Run();
