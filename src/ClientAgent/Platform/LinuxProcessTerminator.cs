using System.Diagnostics;

namespace ClientAgent.Platform;

/// <summary>
/// Finds processes through <c>/proc/&lt;pid&gt;/exe</c> and the first two words of <c>/proc/&lt;pid&gt;/cmdline</c>
/// (so <c>/bin/sh /opt/app/run.sh</c> counts) or by name (<c>/proc/&lt;pid&gt;/comm</c>), asks them to stop (SIGTERM via kill), then kills what is left after a grace period.
/// </summary>
public sealed class LinuxProcessTerminator(TimeSpan? gracePeriod = null) : IProcessTerminator
{
    public async Task<IReadOnlyList<string>> TerminateAsync(
        IReadOnlyCollection<string> installedFiles, IReadOnlyCollection<string> processNames, CancellationToken cancellationToken)
    {
        var files = new HashSet<string>(installedFiles, StringComparer.Ordinal);
        var names = new HashSet<string>(processNames.Where(n => n.Length > 0), StringComparer.Ordinal);
        var self = Environment.ProcessId;
        var matches = new List<Process>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == self || !Matches(directory, files, names))
            {
                continue;
            }

            try
            {
                matches.Add(Process.GetProcessById(pid));
            }
            catch (ArgumentException)
            {
                // Exited meanwhile.
            }
        }

        var ended = new List<string>();
        foreach (var process in matches)
        {
            using (process)
            {
                var description = $"{SafeName(process)} (pid {process.Id})";
                try
                {
                    using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString()]) { UseShellExecute = false });
                    if (term is not null)
                    {
                        await term.WaitForExitAsync(cancellationToken);
                    }

                    using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    grace.CancelAfter(gracePeriod ?? TimeSpan.FromSeconds(5));
                    try
                    {
                        await process.WaitForExitAsync(grace.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        process.Kill(entireProcessTree: true);
                        await process.WaitForExitAsync(cancellationToken);
                    }

                    ended.Add(description);
                }
                catch (InvalidOperationException)
                {
                    ended.Add(description);
                }
            }
        }

        return ended;
    }

    private static bool Matches(string procDirectory, HashSet<string> files, HashSet<string> names)
    {
        try
        {
            if (names.Count > 0 && names.Contains(File.ReadAllText(Path.Combine(procDirectory, "comm")).TrimEnd('\n')))
            {
                return true;
            }

            var exe = new FileInfo(Path.Combine(procDirectory, "exe")).LinkTarget;
            if (exe is not null && files.Contains(exe))
            {
                return true;
            }

            var words = File.ReadAllText(Path.Combine(procDirectory, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return words.Take(2).Any(files.Contains);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string SafeName(Process process)
    {
        try
        {
            return process.ProcessName;
        }
        catch (InvalidOperationException)
        {
            return "process";
        }
    }
}
