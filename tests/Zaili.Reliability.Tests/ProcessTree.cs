using System.Diagnostics;

namespace Zaili.Reliability.Tests;

/// <summary>Hard kills: SIGKILL to a process and every descendant at once, as a power cut would.</summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> Kill(int rootProcessId)
    {
        // Process 0 or 1 would take in every process on the machine, this test among them: frozen by its own
        // SIGSTOP, the run would never end.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rootProcessId, 1);
        var tree = DescendantsOf(rootProcessId).Prepend(rootProcessId).ToList();
        if (tree.Contains(Environment.ProcessId))
        {
            throw new InvalidOperationException($"Process {rootProcessId}'s tree holds the test process itself");
        }
        foreach (var processId in tree)
        {
            // A stop-the-world: freeze everything first so no child notices its parent die and cleans up.
            Signal("-STOP", processId);
        }
        foreach (var processId in tree)
        {
            Signal("-KILL", processId);
        }
        return tree;
    }

    private static IEnumerable<int> DescendantsOf(int processId)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ...", where comm may itself contain spaces or ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        var found = new List<int>();
        var frontier = new Queue<int>([processId]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }
        return found;
    }

    private static void Signal(string signal, int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, processId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
        })!;
        kill.WaitForExit();
    }
}
