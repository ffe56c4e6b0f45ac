namespace ClientAgent.Service;

/// <summary>
/// Remembers when each installed application's processes were last seen running (by <c>/proc/&lt;pid&gt;/comm</c> and
/// the executable name in <c>/proc/&lt;pid&gt;/cmdline</c>).
/// </summary>
public sealed class UsageMonitor(TimeProvider time, string procDirectory = "/proc")
{
    private readonly Dictionary<Guid, DateTimeOffset> _lastSeen = [];

    /// <summary>Scans the process table once; returns the applications seen running now.</summary>
    public IReadOnlyDictionary<Guid, DateTimeOffset> Scan(IReadOnlyDictionary<Guid, IReadOnlyList<string>> processNamesByApplication)
    {
        var running = RunningProcessNames();
        var now = time.GetUtcNow();
        foreach (var (applicationId, names) in processNamesByApplication)
        {
            if (names.Any(running.Contains))
            {
                _lastSeen[applicationId] = now;
            }
        }

        return new Dictionary<Guid, DateTimeOffset>(_lastSeen);
    }

    public HashSet<string> RunningProcessNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(procDirectory))
        {
            return names;
        }

        foreach (var directory in Directory.EnumerateDirectories(procDirectory))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }

            try
            {
                var comm = Path.Combine(directory, "comm");
                if (File.Exists(comm))
                {
                    names.Add(File.ReadAllText(comm).Trim());
                }

                var cmdline = Path.Combine(directory, "cmdline");
                if (File.Exists(cmdline))
                {
                    var executable = File.ReadAllText(cmdline).Split('\0')[0];
                    if (executable.Length > 0)
                    {
                        names.Add(Path.GetFileName(executable));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or belongs to someone we may not inspect.
            }
        }

        return names;
    }
}
