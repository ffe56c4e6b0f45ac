using Catalog.Packaging;

namespace ClientAgent.Platform;

/// <summary>Turns a package shortcut into the file that represents it on this OS (.desktop on Linux, .lnk on Windows).</summary>
public interface IShortcutWriter
{
    /// <summary>The shortcut file's name inside its location, e.g. <c>Editor.desktop</c>.</summary>
    string FileName(PackageShortcut shortcut);

    /// <summary>The file's bytes; fields are already macro-expanded.</summary>
    byte[] Render(PackageShortcut shortcut);

    /// <summary>Unix mode for the file (desktop entries are executable so launchers trust them).</summary>
    UnixFileMode? Mode { get; }
}
