using System.Diagnostics.CodeAnalysis;

namespace Catalog.Versioning;

/// <summary>
/// An inclusive version range; either bound may be absent. Bounds compare exactly, so a maximum of <c>2.0</c>
/// excludes <c>2.0.1</c>.
/// </summary>
public sealed record VersionRange(DottedVersion? Min = null, DottedVersion? Max = null)
{
    public static VersionRange Any { get; } = new();

    public bool IsAny => Min is null && Max is null;

    public bool Contains(DottedVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return (Min is null || version >= Min) && (Max is null || version <= Max);
    }

    /// <summary>Builds a range from optional bound texts (blank = no bound); throws <see cref="FormatException"/> naming the bad bound.</summary>
    public static VersionRange Parse(string? min, string? max) =>
        TryParse(min, max, out var range, out var error) ? range : throw new FormatException(error);

    /// <summary>
    /// Builds a range from optional bound texts (blank = no bound). Fails when a bound is not a version or the
    /// minimum lies above the maximum.
    /// </summary>
    public static bool TryParse(
        string? min,
        string? max,
        [NotNullWhen(true)] out VersionRange? range,
        [NotNullWhen(false)] out string? error)
    {
        range = null;
        DottedVersion? low = null;
        DottedVersion? high = null;
        if (!string.IsNullOrWhiteSpace(min) && !DottedVersion.TryParse(min, out low, out var minError))
        {
            error = $"Minimum version {minError}";
            return false;
        }

        if (!string.IsNullOrWhiteSpace(max) && !DottedVersion.TryParse(max, out high, out var maxError))
        {
            error = $"Maximum version {maxError}";
            return false;
        }

        if (low is not null && high is not null && low > high)
        {
            error = $"Minimum version {low} is above maximum version {high}";
            return false;
        }

        range = low is null && high is null ? Any : new VersionRange(low, high);
        error = null;
        return true;
    }

    /// <summary>Plain English: "1.0 to 2.0", "1.0 or later", "2.0 or earlier", "any version".</summary>
    public override string ToString() => (Min, Max) switch
    {
        (null, null) => "any version",
        ({ } low, null) => $"{low} or later",
        (null, { } high) => $"{high} or earlier",
        ({ } low, { } high) when low == high => $"{low}",
        ({ } low, { } high) => $"{low} to {high}",
    };
}
