using System.Text.Json;
using Catalog.Serialization;

namespace Portal.Data;

/// <summary>JSON columns use the catalog's one JSON shape.</summary>
internal static class DbJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, CatalogJson.Options);

    public static T Read<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, CatalogJson.Options)
        ?? throw new InvalidDataException($"The stored {what} document is empty (JSON null).");
}
