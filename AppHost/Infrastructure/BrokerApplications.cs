using System.Text.RegularExpressions;

namespace Zaili.AppHost.Infrastructure;

/// <summary>
/// The plugins folder the local RabbitMQ node boots from: only the broker's own Erlang applications, linked
/// from the installed plugins folder. Local mode enables no plugin (<c>enabled_plugins</c> is empty), yet the
/// node puts every installed plugin on its code path (70 applications in Debian's 3.10) and looks each module
/// up along it while it boots. With the 20 applications <c>rabbit</c> needs, a fresh node answers AMQP
/// ≈ 1.1 s sooner on ≈ 1 CPU-s less (ADR 0018), on the start's critical path.
/// </summary>
public static partial class BrokerApplications
{
    private const string Broker = "rabbit";

    /// <summary>The <c>plugins</c> folder beside the <c>sbin</c> folder that <paramref name="server"/> (a link) points into.</summary>
    public static string InstalledPluginsFolder(string server)
    {
        var script = File.ResolveLinkTarget(server, returnFinalTarget: true)?.FullName ?? server;
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(script)!, "..", "plugins"));
    }

    /// <summary>
    /// Links <paramref name="installedPlugins"/>' applications that <c>rabbit</c> needs into <paramref name="folder"/>,
    /// replacing what an earlier start left there. Null when the installed folder does not have the shape this
    /// expects (no <c>rabbit</c> application): the node then boots from the installed folder as it is.
    /// </summary>
    public static string? LinkInto(string folder, string installedPlugins)
    {
        if (!Directory.Exists(installedPlugins))
        {
            return null;
        }
        var installed = Directory.EnumerateDirectories(installedPlugins)
            .Select(directory => (Directory: directory, App: AppFileOf(directory)))
            .Where(entry => entry.App is not null)
            .ToDictionary(entry => entry.App!.Value.Name, entry => (entry.Directory, entry.App!.Value.Dependencies), StringComparer.Ordinal);
        if (!installed.ContainsKey(Broker))
        {
            return null;
        }

        var needed = Closure(Broker, name => installed.TryGetValue(name, out var app) ? app.Dependencies : null);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        foreach (var name in needed)
        {
            var target = installed[name].Directory;
            Directory.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(target)), target);
        }
        return folder;
    }

    /// <summary>
    /// <paramref name="root"/> and every application it needs, directly or not, that <paramref name="dependenciesOf"/>
    /// knows (null: not a plugin, but part of Erlang/OTP, which the node finds on its own).
    /// </summary>
    public static IReadOnlySet<string> Closure(string root, Func<string, IReadOnlyList<string>?> dependenciesOf)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var name))
        {
            if (dependenciesOf(name) is not { } dependencies || !found.Add(name))
            {
                continue;
            }
            foreach (var dependency in dependencies)
            {
                pending.Push(dependency);
            }
        }
        return found;
    }

    /// <summary>The name and the <c>applications</c> list of an application resource file (<c>ebin/NAME.app</c>).</summary>
    public static (string Name, IReadOnlyList<string> Dependencies)? ParseAppFile(string text)
    {
        var name = AppName().Match(text);
        if (!name.Success)
        {
            return null;
        }
        var applications = Applications().Match(text);
        IReadOnlyList<string> dependencies = applications.Success
            ? applications.Groups["list"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        return (name.Groups["name"].Value, dependencies);
    }

    private static (string Name, IReadOnlyList<string> Dependencies)? AppFileOf(string applicationDirectory)
    {
        var ebin = Path.Combine(applicationDirectory, "ebin");
        if (!Directory.Exists(ebin))
        {
            return null;
        }
        var appFile = Directory.EnumerateFiles(ebin, "*.app").FirstOrDefault();
        return appFile is null ? null : ParseAppFile(File.ReadAllText(appFile));
    }

    [GeneratedRegex(@"\{\s*application\s*,\s*'?(?<name>[a-z][a-zA-Z0-9_]*)'?\s*,")]
    private static partial Regex AppName();

    [GeneratedRegex(@"\{\s*applications\s*,\s*\[(?<list>[^\]]*)\]")]
    private static partial Regex Applications();
}
