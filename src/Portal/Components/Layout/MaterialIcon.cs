using System.Collections.Frozen;
using System.Reflection;

namespace Portal.Components.Layout;

/// <summary>
/// Applications store their icon as a Material icon name ("edit_note"); MudBlazor draws icons from SVG strings
/// (<see cref="MudBlazor.Icons.Material.Filled"/>). This maps one to the other once, with no icon font to download.
/// </summary>
public static class MaterialIcon
{
    private static readonly FrozenDictionary<string, string> ByName = typeof(MudBlazor.Icons.Material.Filled)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(string))
        // "AddChart" and "Addchart" both exist: the first of each spelling wins, lookups ignore case.
        .GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => (string)g.First().GetValue(null)!, StringComparer.OrdinalIgnoreCase);

    /// <summary>The SVG of a Material icon name (snake_case or PascalCase); the "apps" icon when unknown or empty.</summary>
    public static string Svg(string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            if (name.TrimStart().StartsWith('<'))
            {
                return name;
            }

            var key = string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries));
            if (ByName.TryGetValue(key, out var svg))
            {
                return svg;
            }
        }

        return MudBlazor.Icons.Material.Filled.Apps;
    }

    /// <summary>Whether <paramref name="name"/> names an icon this portal can draw.</summary>
    public static bool Exists(string name) => ByName.ContainsKey(string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries)));
}
