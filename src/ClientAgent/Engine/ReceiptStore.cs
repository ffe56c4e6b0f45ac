using System.Text.Json;
using Catalog.Serialization;

namespace ClientAgent.Engine;

/// <summary>The receipts of installed applications: <c>receipts/&lt;name&gt;.json</c>, backups in <c>receipts/&lt;name&gt;/backup/</c>.</summary>
public sealed class ReceiptStore(AgentStateDirectory state)
{
    public IReadOnlyList<Receipt> List()
    {
        if (!Directory.Exists(state.Receipts))
        {
            return [];
        }

        return Directory.EnumerateFiles(state.Receipts, "*.json")
            .Select(Load)
            .OfType<Receipt>()
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The receipt for an application name (case-insensitive) or application id; null when not installed.</summary>
    public Receipt? Get(string nameOrId)
    {
        var byName = Load(PathFor(nameOrId));
        if (byName is not null)
        {
            return byName;
        }

        return Guid.TryParse(nameOrId, out var id)
            ? List().FirstOrDefault(r => r.ApplicationId == id)
            : List().FirstOrDefault(r => string.Equals(r.Name, nameOrId, StringComparison.OrdinalIgnoreCase));
    }

    public string PathFor(string name) => Path.Combine(state.Receipts, FileStem(name) + ".json");

    public string BackupDirectoryFor(string name) => Path.Combine(state.Receipts, FileStem(name), "backup");

    /// <summary>Writes the receipt atomically: a flushed temporary file renamed over the old one.</summary>
    public void Save(Receipt receipt)
    {
        Directory.CreateDirectory(state.Receipts);
        var path = PathFor(receipt.Name);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, receipt, CatalogJson.Indented);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public void Delete(string name)
    {
        FileOperations.DeleteFileIfExists(PathFor(name));
        FileOperations.DeleteDirectoryIfExists(Path.Combine(state.Receipts, FileStem(name)));
    }

    /// <summary>A file-name-safe, case-folded stem for an application name.</summary>
    public static string FileStem(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var stem = new string(name.Trim().ToLowerInvariant().Select(c => invalid.Contains(c) || c == ' ' ? '_' : c).ToArray());
        return stem is "" or "." or ".." ? "_" + stem : stem;
    }

    private static Receipt? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<Receipt>(stream, CatalogJson.Options);
        }
        catch (JsonException exception)
        {
            throw new EngineFailureException($"Receipt {path} is unreadable: {exception.Message}", exception);
        }
    }
}
