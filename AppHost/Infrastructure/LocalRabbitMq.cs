using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography;
using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace Zaili.AppHost.Infrastructure;

/// <summary>The machine's own RabbitMQ node, run by the orchestrator as an executable.</summary>
public sealed class LocalRabbitMqResource(string name, string command, string workingDirectory, int port, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string UserName = "zaili";

    public int Port { get; } = port;
    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://{UserName}:{Password}@127.0.0.1:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}

public static class LocalRabbitMqBuilderExtensions
{
    /// <summary>
    /// Runs <c>/usr/lib/rabbitmq/bin/rabbitmq-server</c> (not the /usr/sbin wrapper, which switches user
    /// and directory) with everything inside one folder of the data root, listening on 127.0.0.1 only.
    /// Its epmd runs as a resource of its own on a private port, so no epmd outlives the AppHost or
    /// listens on every interface; the distribution port is explicit because the default (node port +
    /// 20000) can overflow with the orchestrator's high ports.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(this IDistributedApplicationBuilder builder, string name, DataRoot dataRoot)
    {
        const string server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        if (!File.Exists(server))
        {
            throw new InvalidOperationException($"{server} not found: install rabbitmq-server (see README).");
        }
        var home = dataRoot.Folder("rabbitmq");
        var passwordValue = dataRoot.Secret("rabbitmq-password");
        var port = HostTools.FreeLoopbackPort();
        var distributionPort = HostTools.FreeLoopbackPort();
        var epmdPort = HostTools.FreeLoopbackPort();
        // The node name is unique per data root, so two AppHosts (run and a test run) never share a node.
        var nodeName = "zaili-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(dataRoot.Path)))[..10].ToLowerInvariant() + "@localhost";

        File.WriteAllText(Path.Combine(home, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{port}
            default_user = {LocalRabbitMqResource.UserName}
            default_pass = {passwordValue}
            loopback_users = none
            log.console = true
            log.console.level = warning
            log.file = false
            disk_free_limit.absolute = 200MB
            """);
        File.WriteAllText(Path.Combine(home, "enabled_plugins"), "[].");
        var brokerApplications = BrokerApplications.LinkInto(Path.Combine(home, "plugins"), BrokerApplications.InstalledPluginsFolder(server));

        var epmdKey = $"{name}-epmd-listening";
        builder.Services.AddHealthChecks().AddPromptCheck(epmdKey, ct => ProtocolHealthChecks.TcpListeningAsync(epmdPort, ct));
        var epmd = builder.AddExecutable(ResourceNames.Epmd, "epmd", home, "-address", "127.0.0.1", "-port", epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("ERL_EPMD_PORT", epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEndpoint(name: "tcp", port: epmdPort, targetPort: epmdPort, isProxied: false)
            .WithHealthCheck(epmdKey)
            .ExcludeFromManifest();

        var password = builder.AddParameter($"{name}-password", passwordValue, secret: true);
        var rabbit = new LocalRabbitMqResource(name, server, home, port, password.Resource);
        var healthCheckKey = $"{name}-amqp";
        builder.Services.AddHealthChecks().AddPromptCheck(healthCheckKey, ct => ProtocolHealthChecks.AmqpAsync(port, ct));

        var resource = builder.AddResource(rabbit);
        if (brokerApplications is not null)
        {
            resource.WithEnvironment("RABBITMQ_PLUGINS_DIR", brokerApplications);
        }
        return resource
            .WithEnvironment("HOME", home)
            .WithEnvironment("RABBITMQ_NODENAME", nodeName)
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_DIST_PORT", distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("ERL_EPMD_PORT", epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}")
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(home, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(home, "log"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(home, "rabbitmq.conf"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(home, "enabled_plugins"))
            .WithEnvironment("RABBITMQ_PLUGINS_EXPAND_DIR", Path.Combine(home, "plugins-expand"))
            .WithEnvironment("RABBITMQ_LOGS", "-")
            .WithEndpoint(name: "tcp", port: port, targetPort: port, isProxied: false)
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Mail")
            .WaitFor(epmd)
            .ExcludeFromManifest();
    }
}
