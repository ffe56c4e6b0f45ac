using Catalog.Versioning;

namespace Portal.Data;

/// <summary>
/// Orders application version strings by <see cref="DottedVersion"/> precedence ("1.10" after "1.9", "1.0-beta"
/// before "1.0"). Text that is not a dotted version sorts below every real version, then by ordinal text, so a bad
/// value never hides the newest release.
/// </summary>
internal sealed class VersionOrder : IComparer<string>
{
    public static VersionOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var xParsed = DottedVersion.TryParse(x, out var left);
        var yParsed = DottedVersion.TryParse(y, out var right);
        return (xParsed, yParsed) switch
        {
            (true, true) => left!.CompareTo(right),
            (true, false) => 1,
            (false, true) => -1,
            _ => string.Compare(x, y, StringComparison.OrdinalIgnoreCase),
        };
    }
}
