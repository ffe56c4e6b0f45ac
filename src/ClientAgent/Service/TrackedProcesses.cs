using System.Text.Json;
using Catalog.Serialization;

namespace ClientAgent.Service;

/// <summary>
/// The process names of each application installed through the portal (<c>usage/processes.json</c>), kept from the
/// install job so usage can be reported after restarts.
/// </summary>
public sealed class TrackedProcesses(string stateDirectory)
{
    private readonly Lock _gate = new();

    private string FilePath => Path.Combine(stateDirectory, "usage", "processes.json");

    public IReadOnlyDictionary<Guid, IReadOnlyList<string>> Load()
    {
        lock (_gate)
        {
            return LoadUnlocked();
        }
    }

    public void Set(Guid applicationId, IReadOnlyList<string> processNames)
    {
        lock (_gate)
        {
            var all = new Dictionary<Guid, IReadOnlyList<string>>(LoadUnlocked());
            if (processNames.Count == 0)
            {
                all.Remove(applicationId);
            }
            else
            {
                all[applicationId] = processNames;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temporary = FilePath + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(all, CatalogJson.Indented));
            File.Move(temporary, FilePath, overwrite: true);
        }
    }

    public void Remove(Guid applicationId) => Set(applicationId, []);

    private Dictionary<Guid, IReadOnlyList<string>> LoadUnlocked()
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<Guid, IReadOnlyList<string>>>(File.ReadAllText(FilePath), CatalogJson.Options) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
