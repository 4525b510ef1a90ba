using Zaili.AppHost.Infrastructure;

namespace Zaili.EndToEnd.Tests;

/// <summary>The local RabbitMQ node boots from a plugins folder holding only the applications the broker needs.</summary>
public sealed class BrokerApplicationsTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("zaili-broker-apps-").FullName;

    [Fact]
    public void An_app_file_gives_its_name_and_the_applications_it_needs()
    {
        var parsed = BrokerApplications.ParseAppFile("""
            %% generated
            {application, 'ra', [
                {description, "Raft library"},
                {vsn, "2.2.0"},
                {applications,[kernel,stdlib,sasl,crypto,aten,gen_batch_server,
                               seshat]},
                {mod,{ra_app,[]}}]}.
            """);

        Assert.NotNull(parsed);
        Assert.Equal("ra", parsed.Value.Name);
        Assert.Equal(["kernel", "stdlib", "sasl", "crypto", "aten", "gen_batch_server", "seshat"], parsed.Value.Dependencies);
        Assert.Null(BrokerApplications.ParseAppFile("not an application"));
    }

    [Fact]
    public void The_closure_follows_plugins_and_leaves_out_what_Erlang_itself_provides()
    {
        var plugins = new Dictionary<string, IReadOnlyList<string>>
        {
            ["rabbit"] = ["kernel", "stdlib", "rabbit_common", "ra"],
            ["rabbit_common"] = ["kernel", "jsx"],
            ["ra"] = ["aten", "rabbit"],
            ["aten"] = [],
            ["jsx"] = [],
            ["rabbitmq_management"] = ["rabbit", "cowboy"],
            ["cowboy"] = [],
        };

        var closure = BrokerApplications.Closure("rabbit", name => plugins.GetValueOrDefault(name));

        Assert.Equal(["aten", "jsx", "ra", "rabbit", "rabbit_common"], closure.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Linking_replaces_an_earlier_folder_and_links_only_the_needed_applications()
    {
        var installed = Path.Combine(_scratch, "installed");
        WriteApp(installed, "rabbit-3.10.8", "rabbit", "kernel,rabbit_common");
        WriteApp(installed, "rabbit_common-3.10.8", "rabbit_common", "kernel,stdlib");
        WriteApp(installed, "rabbitmq_shovel-3.10.8", "rabbitmq_shovel", "rabbit");
        var folder = Path.Combine(_scratch, "plugins");
        Directory.CreateDirectory(Path.Combine(folder, "stale-1.0"));

        Assert.Equal(folder, BrokerApplications.LinkInto(folder, installed));

        var linked = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["rabbit-3.10.8", "rabbit_common-3.10.8"], linked);
        Assert.True(File.Exists(Path.Combine(folder, "rabbit-3.10.8", "ebin", "rabbit.app")));
    }

    [Fact]
    public void The_next_start_removes_the_links_and_leaves_the_installed_applications_alone()
    {
        var installed = Path.Combine(_scratch, "installed");
        WriteApp(installed, "rabbit-3.10.8", "rabbit", "kernel,rabbit_common");
        WriteApp(installed, "rabbit_common-3.10.8", "rabbit_common", "kernel");
        var folder = Path.Combine(_scratch, "plugins");
        BrokerApplications.LinkInto(folder, installed);

        File.Delete(Path.Combine(installed, "rabbit_common-3.10.8", "ebin", "rabbit_common.app"));
        BrokerApplications.LinkInto(folder, installed);

        Assert.True(File.Exists(Path.Combine(installed, "rabbit-3.10.8", "ebin", "rabbit.app")));
        Assert.Equal(["rabbit-3.10.8"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Without_a_rabbit_application_the_installed_folder_is_used_as_it_is()
    {
        var installed = Path.Combine(_scratch, "installed");
        WriteApp(installed, "jsx-3.1.0", "jsx", "kernel");

        Assert.Null(BrokerApplications.LinkInto(Path.Combine(_scratch, "plugins"), installed));
        Assert.Null(BrokerApplications.LinkInto(Path.Combine(_scratch, "plugins"), Path.Combine(_scratch, "missing")));
    }

    [Fact]
    public void The_installed_broker_needs_its_own_applications_and_no_plugin()
    {
        // The platform's local mode needs this package installed (README), as do these tests' platform starts.
        var installed = BrokerApplications.InstalledPluginsFolder("/usr/lib/rabbitmq/bin/rabbitmq-server");

        var folder = BrokerApplications.LinkInto(Path.Combine(_scratch, "plugins"), installed);

        Assert.NotNull(folder);
        var linked = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).ToArray();
        foreach (var needed in new[] { "rabbit-", "rabbit_common-", "rabbitmq_prelaunch-", "ra-", "osiris-", "ranch-", "cuttlefish-", "credentials_obfuscation-" })
        {
            Assert.Contains(linked, name => name!.StartsWith(needed, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(linked, name => name!.StartsWith("rabbitmq_management", StringComparison.Ordinal));
        Assert.InRange(linked.Length, 15, 30);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static void WriteApp(string installed, string directory, string name, string applications)
    {
        var ebin = Directory.CreateDirectory(Path.Combine(installed, directory, "ebin")).FullName;
        File.WriteAllText(Path.Combine(ebin, name + ".app"), $"{{application, {name}, [{{vsn, \"1\"}}, {{applications, [{applications}]}}]}}.");
    }
}
