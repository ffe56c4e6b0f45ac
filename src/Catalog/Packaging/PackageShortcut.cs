namespace Catalog.Packaging;

/// <summary>A shortcut: a .desktop entry on Linux, a .lnk on Windows.</summary>
/// <param name="Location">Directory the shortcut goes in (may use macros, e.g. <c>%*APPLICATIONS%</c>).</param>
/// <param name="Name">Display name; also the file name stem.</param>
/// <param name="Command">What it runs (may use macros).</param>
public sealed record PackageShortcut(string Location, string Name, string Command, string Icon = "", string Comment = "");
