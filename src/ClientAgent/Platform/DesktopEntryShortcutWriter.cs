using System.Text;
using Catalog.Packaging;

namespace ClientAgent.Platform;

/// <summary>Linux shortcuts: freedesktop.org <c>.desktop</c> entries (Type=Application, Name, Exec, Icon, Comment).</summary>
public sealed class DesktopEntryShortcutWriter : IShortcutWriter
{
    public UnixFileMode? Mode => UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public string FileName(PackageShortcut shortcut)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var stem = new string(shortcut.Name.Select(c => invalid.Contains(c) ? '_' : c).ToArray()).Trim();
        return (stem.Length == 0 ? "shortcut" : stem) + ".desktop";
    }

    public byte[] Render(PackageShortcut shortcut)
    {
        var text = new StringBuilder()
            .Append("[Desktop Entry]\n")
            .Append("Type=Application\n")
            .Append("Name=").Append(Escape(shortcut.Name)).Append('\n')
            .Append("Exec=").Append(Escape(shortcut.Command)).Append('\n');
        if (shortcut.Icon.Length > 0)
        {
            text.Append("Icon=").Append(Escape(shortcut.Icon)).Append('\n');
        }

        if (shortcut.Comment.Length > 0)
        {
            text.Append("Comment=").Append(Escape(shortcut.Comment)).Append('\n');
        }

        text.Append("Terminal=false\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
