using System.Globalization;
using System.Text.Json;
using Catalog.Serialization;

namespace Portal.Agents.Data;

/// <summary>The schema's portable encodings: GUIDs as lower-case "D" text, times as ISO-8601 UTC text, JSON documents as text.</summary>
internal static class Db
{
    public static string Id(Guid id) => id.ToString("D");

    public static string? Id(Guid? id) => id?.ToString("D");

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? at) => at is { } value ? Time(value) : null;

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static DateTimeOffset? ParseOptionalTime(string? text) => string.IsNullOrEmpty(text) ? null : ParseTime(text);

    public static Guid? ParseId(string? text) => string.IsNullOrEmpty(text) ? null : Guid.Parse(text);

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, CatalogJson.Options);

    public static T FromJson<T>(string text) => JsonSerializer.Deserialize<T>(text, CatalogJson.Options)
        ?? throw new InvalidOperationException($"The stored {typeof(T).Name} document is empty.");

    public static TEnum Enum<TEnum>(string text) where TEnum : struct, Enum => System.Enum.Parse<TEnum>(text, ignoreCase: true);
}
