using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.ApplicationModel;

namespace Zaili.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL and RabbitMQ under the same resource and connection names in either mode, so service
/// code never knows which: <c>containers</c> (Aspire's container resources, for a machine with Docker)
/// or <c>local</c> (this machine's own binaries as executables). <c>auto</c> asks the container
/// runtime once and picks containers only if it answers: without an engine a container resource does
/// not fail, it waits forever, so local mode never references one.
/// </summary>
public sealed class PlatformInfrastructure
{
    private readonly Func<string, IResourceBuilder<IResourceWithConnectionString>> _addDatabase;

    public string Mode { get; }

    /// <summary>Secrets generated once per installation (kept in the data root) live here in both modes.</summary>
    public DataRoot DataRoot { get; }
    public IResourceBuilder<IResourceWithConnectionString> RabbitMq { get; }

    private PlatformInfrastructure(string mode, DataRoot dataRoot, IResourceBuilder<IResourceWithConnectionString> rabbitMq, Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase)
    {
        Mode = mode;
        DataRoot = dataRoot;
        RabbitMq = rabbitMq;
        _addDatabase = addDatabase;
    }

    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name) => _addDatabase(name);

    public static PlatformInfrastructure Add(IDistributedApplicationBuilder builder)
    {
        var requested = (builder.Configuration["Zaili:Infrastructure"] ?? "auto").Trim().ToLowerInvariant();
        var mode = requested switch
        {
            "local" or "containers" => requested,
            "auto" => HostTools.ContainerRuntimeAnswers() ? "containers" : "local",
            _ => throw new InvalidOperationException($"Zaili:Infrastructure must be auto, local or containers, not '{requested}'"),
        };

        var dataRoot = DataRoot.Resolve(builder.Configuration, builder.AppHostDirectory);
        if (mode == "containers")
        {
            var scratch = builder.Configuration.GetValue<bool>("Zaili:ScratchData");
            var postgres = builder.AddPostgres(ResourceNames.Postgres);
            var rabbit = builder.AddRabbitMQ(ResourceNames.RabbitMq);
            if (!scratch)
            {
                postgres.WithDataVolume("zaili-postgres");
                rabbit.WithDataVolume("zaili-rabbitmq");
            }
            return new PlatformInfrastructure(mode, dataRoot, Widen(rabbit), name => Widen(postgres.AddDatabase(name)));
        }

        var localPostgres = builder.AddLocalPostgres(ResourceNames.Postgres, dataRoot).WithDatabaseCommands(dataRoot);
        var localRabbit = builder.AddLocalRabbitMq(ResourceNames.RabbitMq, dataRoot);
        return new PlatformInfrastructure(mode, dataRoot, Widen(localRabbit), name => Widen(localPostgres.AddLocalDatabase(name)));
    }

    private static IResourceBuilder<IResourceWithConnectionString> Widen<T>(IResourceBuilder<T> builder) where T : IResourceWithConnectionString =>
        builder.ApplicationBuilder.CreateResourceBuilder<IResourceWithConnectionString>(builder.Resource);
}
