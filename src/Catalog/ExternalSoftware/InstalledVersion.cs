using System.Diagnostics.CodeAnalysis;
using Catalog.Versioning;

namespace Catalog.ExternalSoftware;

/// <summary>
/// Reads versions that package managers report. Debian and RPM versions (<c>1:2.3.4-1+deb12u1</c>) lose their
/// epoch and packaging revision, and <c>~</c> (Debian's "sorts before") becomes a pre-release tag, so
/// <c>2.3.4-1+deb12u1</c> compares as <c>2.3.4</c> and <c>1.2~rc1</c> as <c>1.2-rc1</c>.
/// </summary>
public static class InstalledVersion
{
    public static bool TryParse(
        [NotNullWhen(true)] string? version,
        string? source,
        [NotNullWhen(true)] out DottedVersion? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(version))
        {
            return false;
        }

        var text = version.Trim();
        var packageManager = source is not null &&
            (source.Equals("dpkg", StringComparison.OrdinalIgnoreCase) || source.Equals("rpm", StringComparison.OrdinalIgnoreCase));
        if (!packageManager && !HasEpoch(text) && DottedVersion.TryParseReported(text, out parsed))
        {
            return true;
        }

        return DottedVersion.TryParseReported(Upstream(text), out parsed);
    }

    /// <summary>The upstream part of a Debian/RPM version: no epoch, no revision, <c>~</c> as pre-release.</summary>
    public static string Upstream(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var text = version.Trim();
        if (HasEpoch(text))
        {
            text = text[(text.IndexOf(':') + 1)..];
        }

        var dash = text.LastIndexOf('-');
        if (dash > 0)
        {
            text = text[..dash];
        }

        var tilde = text.IndexOf('~');
        if (tilde >= 0)
        {
            var tag = new string(text[(tilde + 1)..].Select(c => char.IsAsciiLetterOrDigit(c) ? c : '.').ToArray()).Trim('.');
            text = tag.Length == 0 ? text[..tilde] : text[..tilde] + "-" + tag;
        }

        var plus = text.IndexOf('+');
        return plus >= 0 ? text[..plus] : text;
    }

    private static bool HasEpoch(string text)
    {
        var colon = text.IndexOf(':');
        return colon > 0 && text[..colon].All(char.IsAsciiDigit);
    }
}
