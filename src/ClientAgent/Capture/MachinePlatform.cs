using System.Runtime.InteropServices;
using Catalog.Machines;
using Catalog.Packaging;

namespace ClientAgent.Capture;

/// <summary>The platform this agent runs on, as a package records it (Linux: <c>/etc/os-release</c> ID and VERSION_ID).</summary>
public sealed record MachinePlatform(PackagePlatform Platform, string Description)
{
    public static MachinePlatform Detect(string osReleasePath = "/etc/os-release")
    {
        var architecture = Architecture(RuntimeInformation.OSArchitecture);
        if (OperatingSystem.IsWindows())
        {
            return new MachinePlatform(new PackagePlatform(OsFamily.Windows, $"{Environment.OSVersion.Version.Major}.{Environment.OSVersion.Version.Minor}", architecture), "Windows");
        }

        if (OperatingSystem.IsMacOS())
        {
            return new MachinePlatform(new PackagePlatform(OsFamily.MacOS, Environment.OSVersion.Version.ToString(2), architecture), "macOS");
        }

        var release = File.Exists(osReleasePath) ? ParseOsRelease(File.ReadAllText(osReleasePath)) : new Dictionary<string, string>();
        var id = release.GetValueOrDefault("ID", "linux");
        var description = id.Length > 0 ? char.ToUpperInvariant(id[0]) + id[1..] : "Linux";
        return new MachinePlatform(new PackagePlatform(OsFamily.Linux, release.GetValueOrDefault("VERSION_ID", ""), architecture), description);
    }

    public static Dictionary<string, string> ParseOsRelease(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=');
            if (line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            values[line[..equals]] = value;
        }

        return values;
    }

    private static CpuArchitecture? Architecture(System.Runtime.InteropServices.Architecture architecture) => architecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => CpuArchitecture.X64,
        System.Runtime.InteropServices.Architecture.Arm64 => CpuArchitecture.Arm64,
        System.Runtime.InteropServices.Architecture.X86 => CpuArchitecture.X86,
        System.Runtime.InteropServices.Architecture.Arm => CpuArchitecture.Arm,
        _ => null,
    };
}
