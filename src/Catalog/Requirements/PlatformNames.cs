using Catalog.Machines;

namespace Catalog.Requirements;

/// <summary>Display names of OS families and architectures in messages.</summary>
public static class PlatformNames
{
    public static string Of(OsFamily family) => family switch
    {
        OsFamily.Linux => "Linux",
        OsFamily.Windows => "Windows",
        OsFamily.MacOS => "macOS",
        _ => family.ToString(),
    };

    public static string Of(CpuArchitecture architecture) => architecture switch
    {
        CpuArchitecture.X64 => "x64",
        CpuArchitecture.Arm64 => "arm64",
        CpuArchitecture.X86 => "x86",
        CpuArchitecture.Arm => "arm",
        _ => architecture.ToString(),
    };

    /// <summary>"x64", "x64 or arm64", "x64, x86 or arm64".</summary>
    public static string Of(IReadOnlyList<CpuArchitecture> architectures) => OrList(architectures.Select(Of).ToList());

    internal static string OrList(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} or {items[^1]}",
    };
}
