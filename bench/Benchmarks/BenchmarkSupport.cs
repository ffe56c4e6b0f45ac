using ClientAgent.Capture;
using System.Diagnostics;
using System.Globalization;

namespace Benchmarks;

/// <summary>Option parsing and timed baseline commands shared by the benchmarks.</summary>
internal static class BenchmarkSupport
{
    public static long Int64Option(string[] args, string name, long defaultValue)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0)
        {
            return defaultValue;
        }

        if (index + 1 >= args.Length || !long.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new ArgumentException($"Option {name} needs a positive whole number");
        }

        return value;
    }

    public static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>
    /// The built <paramref name="dllName"/> of the project in <paramref name="projectDirectory"/> (relative to the
    /// repository, e.g. <c>src/Portal</c>): its bin/Release or bin/Debug net10.0 output, found above the current
    /// directory or the benchmark's own; null when it is not built.
    /// </summary>
    public static string? FindBuiltDll(string projectDirectory, string dllName)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                foreach (var configuration in new[] { "Release", "Debug" })
                {
                    var candidate = Path.Combine(directory.FullName, projectDirectory, "bin", configuration, "net10.0", dllName);
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Every <c>--env NAME=VALUE</c> (repeatable) as a dictionary, for a process the benchmark starts.</summary>
    /// <exception cref="ArgumentException">A setting without NAME=.</exception>
    public static Dictionary<string, string> EnvironmentOptions(string[] args)
    {
        var environment = new Dictionary<string, string>();
        foreach (var setting in args.Select((a, i) => (a, i)).Where(p => p.a == "--env" && p.i + 1 < args.Length).Select(p => args[p.i + 1]))
        {
            var split = setting.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                throw new ArgumentException($"--env needs NAME=VALUE, not '{setting}'");
            }

            environment[setting[..split]] = setting[(split + 1)..];
        }

        return environment;
    }

    /// <summary>Runs <c>/bin/sh -c script</c> in <paramref name="workingDirectory"/> and times it; throws when it fails.</summary>
    public static async Task<TimeSpan> RunShellAsync(string script, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /bin/sh");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        watch.Stop();
        await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Baseline '{script}' failed with exit code {process.ExitCode}: {(await stderr).Trim()}");
        }

        return watch.Elapsed;
    }
}
