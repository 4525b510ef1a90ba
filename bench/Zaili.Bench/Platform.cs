using System.Text;

namespace Zaili.Bench;

/// <summary>The running platform's processes, found by their command lines, and what their environments say.</summary>
public sealed record PlatformProcess(int Pid, string Role, string CommandLine)
{
    public static IReadOnlyList<PlatformProcess> All()
    {
        var processes = new List<PlatformProcess>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            if (RoleOf(commandLine, pid) is { } role)
            {
                processes.Add(new PlatformProcess(pid, role, commandLine));
            }
        }
        return processes;
    }

    private static string? RoleOf(string commandLine, int pid)
    {
        if (pid == System.Environment.ProcessId) return "load generator";
        if (commandLine.StartsWith("wrk ", StringComparison.Ordinal) || commandLine.StartsWith("/usr/bin/wrk", StringComparison.Ordinal)) return "load generator";
        foreach (var (marker, role) in new[]
        {
            ("Zaili.Gateway", "gateway"), ("Zaili.Governance", "governance"), ("Zaili.Mediation", "mediation"), ("Zaili.Enforcement", "enforcement"),
            ("Zaili.LegalEducation", "legal-education"), ("Zaili.VillageReview", "village-review"), ("Zaili.Reporting", "reporting"), ("Zaili.Identity", "identity"),
            ("Zaili.AppHost", "apphost"),
        })
        {
            if (commandLine.Contains(marker + ".dll", StringComparison.Ordinal) || commandLine.Contains("/" + marker + " ", StringComparison.Ordinal) || commandLine.EndsWith("/" + marker, StringComparison.Ordinal))
            {
                return role;
            }
            if (commandLine.Contains("dotnet run", StringComparison.Ordinal) && commandLine.Contains(marker, StringComparison.Ordinal))
            {
                return "dotnet run wrappers";
            }
        }
        if (commandLine.Contains("postgres", StringComparison.Ordinal) && (commandLine.StartsWith("postgres", StringComparison.Ordinal) || commandLine.Contains("/bin/postgres", StringComparison.Ordinal))) return "postgres";
        if (commandLine.Contains("beam.smp", StringComparison.Ordinal) || commandLine.Contains("epmd", StringComparison.Ordinal) || commandLine.Contains("erl_child_setup", StringComparison.Ordinal)) return "rabbitmq";
        if (commandLine.Contains("Aspire.Dashboard", StringComparison.Ordinal) || commandLine.Contains("aspire.dashboard", StringComparison.OrdinalIgnoreCase)) return "dashboard";
        if (commandLine.Contains("/dcp ", StringComparison.Ordinal) || commandLine.Contains("dcpctrl", StringComparison.Ordinal) || commandLine.Contains("dcpproc", StringComparison.Ordinal)) return "dcp";
        return null;
    }

    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>();
        foreach (var entry in File.ReadAllText($"/proc/{Pid}/environ", Encoding.UTF8).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=');
            if (equals > 0)
            {
                environment[entry[..equals]] = entry[(equals + 1)..];
            }
        }
        return environment;
    }

    /// <summary>CPU seconds used so far (user + system), from /proc/pid/stat.</summary>
    public double CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Proportional set size in MB, from /proc/pid/smaps_rollup.</summary>
    public double PssMegabytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{Pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

/// <summary>CPU used per role between two moments, as a share of one core.</summary>
public sealed class CpuSplit
{
    private readonly Dictionary<int, (string Role, double Cpu)> _start;
    private readonly DateTime _started = DateTime.UtcNow;

    private CpuSplit(Dictionary<int, (string, double)> start) => _start = start;

    public static CpuSplit Start() => new(PlatformProcess.All().ToDictionary(p => p.Pid, p => (p.Role, p.CpuSeconds())));

    public IReadOnlyDictionary<string, double> Stop()
    {
        var seconds = (DateTime.UtcNow - _started).TotalSeconds;
        var used = new Dictionary<string, double>();
        foreach (var process in PlatformProcess.All())
        {
            var before = _start.TryGetValue(process.Pid, out var start) ? start.Cpu : 0;
            used[process.Role] = used.GetValueOrDefault(process.Role) + (process.CpuSeconds() - before) / seconds;
        }
        return used;
    }

    public static string Format(IReadOnlyDictionary<string, double> split) =>
        string.Join(", ", split.Where(s => s.Value >= 0.01).OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value * 100:0}%"));
}
