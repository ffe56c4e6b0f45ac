using System.Text.Json;
using Catalog.Serialization;

namespace Portal.Tests.Data;

/// <summary>Deep equality of records that hold lists and dictionaries: compare their catalog JSON.</summary>
internal static class Same
{
    public static void Json<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, CatalogJson.Indented), JsonSerializer.Serialize(actual, CatalogJson.Indented));
}
