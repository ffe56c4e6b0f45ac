using System.Diagnostics;

namespace ClientAgent.Tests.Capture;

/// <summary>
/// Real Debian packages fetched once per test run with <c>apt-get download</c> (unpacked by the tests with
/// <c>dpkg-deb -x</c>): <c>libbz2-1.0</c> (a shared library reached through its soname link <c>libbz2.so.1.0</c>)
/// and <c>bzip2</c> (a program loading it dynamically, with <c>bzcat</c>/<c>bunzip2</c> as hard links and man-page
/// symbolic links). <see cref="SkipReason"/> says why they are not available.
/// </summary>
internal static class DebianPackages
{
    public static readonly string[] Names = ["libbz2-1.0", "bzip2"];

    private static readonly Lazy<(string? Directory, string? SkipReason)> Fetched = new(Fetch);

    /// <summary>The directory holding the downloaded <c>.deb</c> files, or null (then see <see cref="SkipReason"/>).</summary>
    public static string? Directory => Fetched.Value.Directory;

    public static string? SkipReason => Fetched.Value.SkipReason;

    public static IEnumerable<string> DebFiles => System.IO.Directory.EnumerateFiles(Directory!, "*.deb").Order(StringComparer.Ordinal);

    private static (string?, string?) Fetch()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, "Debian packages are captured on Linux only");
        }

        foreach (var tool in new[] { "apt-get", "dpkg-deb", "ldd" })
        {
            if (!OnPath(tool))
            {
                return (null, $"'{tool}' is not installed, so real Debian packages cannot be fetched and unpacked here");
            }
        }

        var directory = Path.Combine(Path.GetTempPath(), "capture-debs-" + Environment.ProcessId);
        System.IO.Directory.CreateDirectory(directory);
        var (exitCode, output) = Run("apt-get", directory, ["download", .. Names]);
        var debs = System.IO.Directory.GetFiles(directory, "*.deb");
        if (exitCode != 0 || debs.Length != Names.Length)
        {
            return (null, $"'apt-get download {string.Join(' ', Names)}' did not fetch the packages (no network or no package lists?): {output.Trim().Split('\n').LastOrDefault()}");
        }

        return (directory, null);
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, tool)));

    public static (int ExitCode, string Output) Run(string program, string workingDirectory, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output + error.Result + $"\n{program} did not finish within two minutes");
        }

        return (process.ExitCode, output + error.Result);
    }
}
