using System.IO.Compression;
using System.Text.Json;
using Portal.Administration;

namespace Portal.Components.Admin;

/// <summary>
/// The id, name and version an application image (exported .zip) carries, read before importing it so the page can
/// ask before replacing an existing application. Null when the file is no readable image (the import then says why).
/// </summary>
public sealed record ImageIdentity(Guid Id, string Name, string Version)
{
    public static async Task<ImageIdentity?> ReadAsync(string imagePath, CancellationToken cancellationToken)
    {
        try
        {
            using var zip = new ZipArchive(File.OpenRead(imagePath), ZipArchiveMode.Read, leaveOpen: false);
            var entry = zip.GetEntry(ApplicationImage.ApplicationEntry);
            if (entry is null || entry.Length > ApplicationImage.MaxApplicationJsonBytes)
            {
                return null;
            }

            await using var json = await entry.OpenAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(json, cancellationToken: cancellationToken);
            var root = document.RootElement;
            return Guid.TryParse(Text(root, "id"), out var id) ? new ImageIdentity(id, Text(root, "name"), Text(root, "version")) : null;
        }
        catch (Exception exception) when (exception is InvalidDataException or JsonException or IOException)
        {
            return null;
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value
            ? value.GetString() ?? ""
            : "";
}
