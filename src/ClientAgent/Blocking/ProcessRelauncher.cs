using System.Diagnostics;
using System.Globalization;

namespace ClientAgent.Blocking;

/// <summary>
/// Starts again, after a required job, the programs it ended: same executable, same arguments, same working
/// directory and environment, as the same user and group. As root it drops to that user with util-linux's
/// <c>setpriv --reuid --regid --init-groups</c>; a process of the agent's own user is started directly. It is not
/// started again when its executable is gone (an upgrade that replaced it starts the new one), when its environment
/// could not be read, or when the agent could not become its user. What it cannot restore: the controlling terminal,
/// the login session and the systemd scope the program ran in (it now runs in the agent's own service).
/// </summary>
public static class ProcessRelauncher
{
    /// <summary>One sentence per process: started again (with the new pid) or why not.</summary>
    public static IReadOnlyList<string> Relaunch(IReadOnlyList<RunningProcess> ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        var ownUid = EffectiveUid();
        var notes = new List<string>();
        foreach (var process in ended)
        {
            notes.Add(RelaunchOne(process, ownUid));
        }

        return notes;
    }

    private static string RelaunchOne(RunningProcess process, int ownUid)
    {
        if (process.Executable is not { } executable || !File.Exists(executable))
        {
            return $"{process.Name} was not started again: its program file is gone.";
        }

        if (process.Environment.Count == 0 || process.Uid < 0 || process.Gid < 0)
        {
            return $"{process.Name} was not started again: how it ran could not be read.";
        }

        ProcessStartInfo start;
        if (process.Uid == ownUid)
        {
            start = new ProcessStartInfo(executable, process.Arguments);
        }
        else if (ownUid == 0)
        {
            start = new ProcessStartInfo("setpriv",
            [
                "--reuid", process.Uid.ToString(CultureInfo.InvariantCulture),
                "--regid", process.Gid.ToString(CultureInfo.InvariantCulture),
                "--init-groups", "--", executable, .. process.Arguments,
            ]);
        }
        else
        {
            return $"{process.Name} was not started again: it ran as another user and the agent is not root.";
        }

        start.UseShellExecute = false;
        if (process.WorkingDirectory is { } directory && Directory.Exists(directory))
        {
            start.WorkingDirectory = directory;
        }

        start.Environment.Clear();
        foreach (var (name, value) in process.Environment)
        {
            start.Environment[name] = value;
        }

        try
        {
            using var started = Process.Start(start);
            return started is null
                ? $"{process.Name} was not started again."
                : $"{process.Name} started again as user {process.Uid} (pid {started.Id}).";
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return $"{process.Name} was not started again: {exception.Message}";
        }
    }

    private static int EffectiveUid()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}
