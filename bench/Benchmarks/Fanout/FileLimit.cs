using System.Runtime.InteropServices;

namespace Benchmarks.Fanout;

/// <summary>
/// Raises this process's open-file limit (RLIMIT_NOFILE) to its hard limit: every simulated agent holds a socket, and
/// the portal started from here inherits the raised limit for its side of the sockets. Beyond the hard limit only
/// root can go (<c>ulimit -Hn</c>, <c>/etc/security/limits.conf</c>, systemd's <c>LimitNOFILE=</c>).
/// </summary>
internal static class FileLimit
{
    private const int NoFile = 7; // RLIMIT_NOFILE on Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct Limit
    {
        public ulong Current;
        public ulong Maximum;
    }

    /// <summary>The soft limit after raising it (or as it was, off Linux).</summary>
    public static long Raise()
    {
        if (!OperatingSystem.IsLinux())
        {
            return -1;
        }

        if (GetLimit(NoFile, out var limit) != 0)
        {
            return -1;
        }

        if (limit.Current < limit.Maximum)
        {
            var raised = limit with { Current = limit.Maximum };
            if (SetLimit(NoFile, in raised) == 0)
            {
                limit = raised;
            }
        }

        return limit.Current > long.MaxValue ? long.MaxValue : (long)limit.Current;
    }

    // DllImport, not LibraryImport: the source-generated stub needs unsafe code, which this project does not allow.
    [DllImport("libc", EntryPoint = "getrlimit")]
    private static extern int GetLimit(int resource, out Limit limit);

    [DllImport("libc", EntryPoint = "setrlimit")]
    private static extern int SetLimit(int resource, in Limit limit);
}
