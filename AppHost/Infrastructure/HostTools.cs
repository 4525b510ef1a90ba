using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Zaili.AppHost.Infrastructure;

/// <summary>Small host-level helpers for the local infrastructure: processes, ports, binaries.</summary>
public static class HostTools
{
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }
        try
        {
            using var process = Process.Start(startInfo)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "timed out");
            }
            return (process.ExitCode, output.Result + error.Result);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, exception.Message);
        }
    }

    /// <summary>
    /// PostgreSQL refuses to run as root. As root, commands are run as the <c>postgres</c> user through
    /// <c>setpriv</c>, which execs, so the orchestrator's SIGTERM reaches the server itself.
    /// </summary>
    public static bool MustDropRoot => Environment.IsPrivilegedProcess;

    public static (string Command, string[] Arguments) AsPostgresUser(string command, params string[] arguments) =>
        MustDropRoot
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", command, .. arguments])
            : (command, arguments);

    public static string PostgresBinDirectory()
    {
        var (exitCode, output) = Run("pg_config", ["--bindir"], TimeSpan.FromSeconds(10));
        var fromPgConfig = output.Trim();
        // Debian's pg_config (from libpq-dev or postgresql-common) may name the client directory; the server lives beside it.
        if (exitCode == 0 && File.Exists(Path.Combine(fromPgConfig, "postgres")))
        {
            return fromPgConfig;
        }
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException("PostgreSQL server binaries not found: install postgresql (see README).");
    }

    public static string Chown(string path, string user)
    {
        var (exitCode, output) = Run("chown", ["-R", $"{user}:{user}", path], TimeSpan.FromSeconds(30));
        return exitCode == 0 ? path : throw new InvalidOperationException($"chown {path} failed: {output}");
    }

    public static bool ContainerRuntimeAnswers()
    {
        var (exitCode, _) = Run("docker", ["info", "--format", "{{.ServerVersion}}"], TimeSpan.FromSeconds(3));
        return exitCode == 0;
    }
}
