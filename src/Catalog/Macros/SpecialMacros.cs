using Catalog.Machines;

namespace Catalog.Macros;

/// <summary>
/// The well-known special macros (<c>%*PROGRAMS%</c> ...). Agents report their machine's values; the defaults
/// here are what a standard installation of each OS uses.
/// </summary>
public static class SpecialMacros
{
    /// <summary>Root for installed programs (<c>/opt</c>, <c>C:\Program Files</c>).</summary>
    public const string Programs = "*PROGRAMS";
    /// <summary>The user's home directory.</summary>
    public const string Home = "*HOME";
    /// <summary>Temporary files.</summary>
    public const string Temp = "*TEMP";
    /// <summary>The system volume (<c>/</c>, <c>C:</c>).</summary>
    public const string SystemDrive = "*SYSTEMDRIVE";
    /// <summary>Where application shortcuts go (.desktop files, Start menu programs).</summary>
    public const string Applications = "*APPLICATIONS";
    /// <summary>The user's desktop.</summary>
    public const string Desktop = "*DESKTOP";
    /// <summary>Per-user configuration (<c>~/.config</c>, <c>AppData\Roaming</c>).</summary>
    public const string Config = "*CONFIG";
    /// <summary>Machine-wide application data (<c>/var/lib</c>, <c>C:\ProgramData</c>).</summary>
    public const string Data = "*DATA";
    /// <summary>The Windows directory (Windows only).</summary>
    public const string WinDir = "*WINDIR";
    /// <summary>The Windows system directory (Windows only).</summary>
    public const string System = "*SYSTEM";

    /// <summary>Every well-known special macro name.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Programs, Home, Temp, SystemDrive, Applications, Desktop, Config, Data, WinDir, System];

    /// <summary>The standard values for <paramref name="os"/> with the user's <paramref name="homeDirectory"/>.</summary>
    public static IReadOnlyDictionary<string, string> DefaultsFor(OsFamily os, string homeDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(homeDirectory);
        var home = homeDirectory.Length > 1 ? homeDirectory.TrimEnd('/', '\\') : homeDirectory;
        return os switch
        {
            OsFamily.Windows => Build(
                (Programs, @"C:\Program Files"),
                (Home, home),
                (Temp, $@"{home}\AppData\Local\Temp"),
                (SystemDrive, "C:"),
                (Applications, $@"{home}\AppData\Roaming\Microsoft\Windows\Start Menu\Programs"),
                (Desktop, $@"{home}\Desktop"),
                (Config, $@"{home}\AppData\Roaming"),
                (Data, @"C:\ProgramData"),
                (WinDir, @"C:\Windows"),
                (System, @"C:\Windows\System32")),
            OsFamily.MacOS => Build(
                (Programs, "/Applications"),
                (Home, home),
                (Temp, "/tmp"),
                (SystemDrive, "/"),
                (Applications, $"{home}/Applications"),
                (Desktop, $"{home}/Desktop"),
                (Config, $"{home}/Library/Application Support"),
                (Data, "/Library/Application Support")),
            _ => Build(
                (Programs, "/opt"),
                (Home, home),
                (Temp, "/tmp"),
                (SystemDrive, "/"),
                (Applications, $"{home}/.local/share/applications"),
                (Desktop, $"{home}/Desktop"),
                (Config, $"{home}/.config"),
                (Data, "/var/lib")),
        };
    }

    private static Dictionary<string, string> Build(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.OrdinalIgnoreCase);
}
