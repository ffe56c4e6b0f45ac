using System.Diagnostics;
using System.Runtime.InteropServices;
using Catalog.Machines;

namespace ClientAgent.Service;

/// <summary>
/// What the agent reports about its machine: OS (/etc/os-release), architecture, CPUs, RAM (/proc/meminfo), real
/// volumes (/proc/mounts + <see cref="DriveInfo"/>, pseudo filesystems skipped), software from dpkg (or rpm), the
/// portal's own installs (receipts) and the machine's special macro values.
/// </summary>
public sealed class InventoryCollector(TimeProvider time)
{
    private static readonly HashSet<string> PseudoFileSystems = new(StringComparer.Ordinal)
    {
        "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "cgroup", "cgroup2", "securityfs", "pstore", "debugfs", "tracefs",
        "configfs", "fusectl", "mqueue", "hugetlbfs", "autofs", "bpf", "binfmt_misc", "rpc_pipefs", "nsfs", "overlay",
        "squashfs", "ramfs", "efivarfs", "selinuxfs", "fuse.gvfsd-fuse", "fuse.portal", "nfsd", "shm",
    };

    public async Task<Inventory> CollectAsync(
        IReadOnlyList<InstalledApplication> applications, IReadOnlyDictionary<string, string> specialMacros, CancellationToken cancellationToken)
    {
        var (osVersion, _) = ReadOsRelease("/etc/os-release");
        return new Inventory
        {
            OsFamily = OperatingSystem.IsWindows() ? OsFamily.Windows : OperatingSystem.IsMacOS() ? OsFamily.MacOS : OsFamily.Linux,
            OsVersion = osVersion,
            Architecture = RuntimeInformation.OSArchitecture switch
            {
                Architecture.Arm64 => CpuArchitecture.Arm64,
                Architecture.X86 => CpuArchitecture.X86,
                Architecture.Arm => CpuArchitecture.Arm,
                _ => CpuArchitecture.X64,
            },
            CpuCount = Environment.ProcessorCount,
            MemoryMb = ReadMemoryMb("/proc/meminfo"),
            HostName = Environment.MachineName,
            // IANA id (e.g. Europe/Berlin): the portal reads this machine's maintenance windows in it.
            TimeZone = TimeZoneInfo.Local.Id,
            Volumes = ReadVolumes("/proc/mounts"),
            ExternalSoftware = await ReadInstalledSoftwareAsync(cancellationToken),
            Applications = applications,
            SpecialMacros = specialMacros,
            ReportedAt = time.GetUtcNow(),
        };
    }

    /// <summary>VERSION_ID (or VERSION) and ID from an os-release file; empty strings when absent.</summary>
    public static (string Version, string Id) ReadOsRelease(string path)
    {
        if (!File.Exists(path))
        {
            return ("", "");
        }

        var values = File.ReadLines(path)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim())
            .ToDictionary(g => g.Key, g => g.First()[1].Trim().Trim('"'));
        var version = values.GetValueOrDefault("VERSION_ID") ?? values.GetValueOrDefault("VERSION") ?? "";
        return (version, values.GetValueOrDefault("ID") ?? "");
    }

    public static long ReadMemoryMb(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && long.TryParse(parts[1], out var kb) ? kb / 1024 : 0;
    }

    public static IReadOnlyList<Volume> ReadVolumes(string mountsPath)
    {
        if (!File.Exists(mountsPath))
        {
            return [];
        }

        var volumes = new List<Volume>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fields in File.ReadLines(mountsPath).Select(l => l.Split(' ')).Where(f => f.Length >= 3))
        {
            var mountPoint = fields[1].Replace("\\040", " ", StringComparison.Ordinal);
            if (PseudoFileSystems.Contains(fields[2]) || !seen.Add(mountPoint))
            {
                continue;
            }

            try
            {
                var drive = new DriveInfo(mountPoint);
                if (drive.IsReady && drive.TotalSize > 0)
                {
                    volumes.Add(new Volume(mountPoint, drive.TotalSize / (1024 * 1024), drive.AvailableFreeSpace / (1024 * 1024)));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // A mount this user cannot stat is not a volume it can install to.
            }
        }

        return volumes;
    }

    private static async Task<IReadOnlyList<InstalledSoftware>> ReadInstalledSoftwareAsync(CancellationToken cancellationToken)
    {
        var dpkg = await RunAsync("dpkg-query", ["-W", "-f", "${Package}\t${Version}\t${Maintainer}\n"], cancellationToken);
        if (dpkg is not null)
        {
            return ParseLines(dpkg, "dpkg");
        }

        var rpm = await RunAsync("rpm", ["-qa", "--qf", "%{NAME}\t%{VERSION}-%{RELEASE}\t%{VENDOR}\n"], cancellationToken);
        return rpm is null ? [] : ParseLines(rpm, "rpm");
    }

    /// <summary>Parses "name TAB version TAB publisher" lines.</summary>
    public static IReadOnlyList<InstalledSoftware> ParseLines(string output, string source) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 2 && f[0].Length > 0)
            .Select(f => new InstalledSoftware(f[0], f[1], f.Length > 2 && f[2].Length > 0 ? f[2] : null, source))
            .ToList();

    private static async Task<string?> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            _ = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 ? await output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // the tool is not installed
        }
    }
}
