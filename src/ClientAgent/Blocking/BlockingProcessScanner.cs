using System.Globalization;

namespace ClientAgent.Blocking;

/// <summary>
/// Finds running processes by name through <c>/proc</c>: a process matches when the file name of its executable
/// (<c>/proc/&lt;pid&gt;/exe</c>) or its command name (<c>/proc/&lt;pid&gt;/comm</c>, which the kernel cuts to 15
/// characters) is one of the names. Only names are compared: a name with a path never matches (the portal refuses them).
/// </summary>
public sealed class BlockingProcessScanner(string procRoot = "/proc")
{
    private const int CommLength = 15;

    public IReadOnlyList<RunningProcess> Find(IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var wanted = names.Where(n => n.Length > 0 && n.IndexOf('/') < 0).ToHashSet(StringComparer.Ordinal);
        var found = new List<RunningProcess>();
        if (wanted.Count == 0)
        {
            return found;
        }

        var self = System.Environment.ProcessId;
        foreach (var directory in Directory.EnumerateDirectories(procRoot))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != self
                && Read(directory, pid, wanted) is { } process)
            {
                found.Add(process);
            }
        }

        return found;
    }

    /// <summary>The process with this pid if it is still the one that was found (same start time) and still matches.</summary>
    public RunningProcess? Recheck(RunningProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var again = Read(Path.Combine(procRoot, process.Pid.ToString(CultureInfo.InvariantCulture)), process.Pid, new HashSet<string>(StringComparer.Ordinal) { process.Name });
        return again is not null && again.StartTicks == process.StartTicks ? again : null;
    }

    private static RunningProcess? Read(string directory, int pid, HashSet<string> wanted)
    {
        try
        {
            var comm = File.ReadAllText(Path.Combine(directory, "comm")).TrimEnd('\n');
            var exe = new FileInfo(Path.Combine(directory, "exe")).LinkTarget;
            var exeName = exe is null ? null : Path.GetFileName(exe.EndsWith(" (deleted)", StringComparison.Ordinal) ? exe[..^10] : exe);
            var name = exeName is not null && wanted.Contains(exeName) ? exeName
                : wanted.FirstOrDefault(w => w == comm || (w.Length > CommLength && w[..CommLength] == comm && exeName is null));
            if (name is null)
            {
                return null;
            }

            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            // Fields after the command name, which is in parentheses and may itself hold spaces or parentheses.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var startTicks = long.Parse(fields[19], CultureInfo.InvariantCulture);
            var (uid, gid) = Owner(Path.Combine(directory, "status"));
            return new RunningProcess
            {
                Pid = pid,
                Name = name,
                StartTicks = startTicks,
                Uid = uid,
                Gid = gid,
                Executable = exe is null || exe.EndsWith(" (deleted)", StringComparison.Ordinal) ? null : exe,
                Arguments = ReadNulSeparated(Path.Combine(directory, "cmdline")).Skip(1).ToList(),
                WorkingDirectory = new FileInfo(Path.Combine(directory, "cwd")).LinkTarget,
                Environment = ReadEnvironment(Path.Combine(directory, "environ")),
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // exited meanwhile, or not ours to read
        }
    }

    private static (int Uid, int Gid) Owner(string statusPath)
    {
        int uid = -1, gid = -1;
        foreach (var line in File.ReadLines(statusPath))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                uid = int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Gid:", StringComparison.Ordinal))
            {
                gid = int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return (uid, gid);
    }

    private static IReadOnlyList<string> ReadNulSeparated(string path) =>
        File.ReadAllText(path).Split('\0', StringSplitOptions.RemoveEmptyEntries);

    private static Dictionary<string, string> ReadEnvironment(string path)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in ReadNulSeparated(path))
            {
                var equals = entry.IndexOf('=');
                if (equals > 0)
                {
                    environment[entry[..equals]] = entry[(equals + 1)..];
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another user's process while not root: no environment, so it is not started again.
        }

        return environment;
    }
}
