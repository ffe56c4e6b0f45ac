using Catalog.Machines;

namespace ClientAgent.Platform;

/// <summary>Facts about this machine the engine checks against a package.</summary>
public static class HostPlatform
{
    public static OsFamily CurrentOsFamily =>
        OperatingSystem.IsWindows() ? OsFamily.Windows
        : OperatingSystem.IsMacOS() ? OsFamily.MacOS
        : OsFamily.Linux;
}
