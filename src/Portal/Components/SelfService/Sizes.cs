using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Components.SelfService;

/// <summary>Sizes the way people say them: "64 GB", "1.5 GB", "512 MB".</summary>
public static partial class Sizes
{
    public static string Mb(long mb) =>
        mb >= 1024 ? $"{(mb / 1024.0).ToString(mb % 1024 == 0 ? "0" : "0.#", CultureInfo.InvariantCulture)} GB" : $"{mb} MB";

    /// <summary>Rewrites every "N MB" of a sentence (requirement reasons, free space) with <see cref="Mb"/>.</summary>
    public static string Humanize(string text) =>
        MbAmount().Replace(text, match => Mb(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"\b(\d{1,12}) MB\b")]
    private static partial Regex MbAmount();
}
