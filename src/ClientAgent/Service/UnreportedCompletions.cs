using System.Text.Json;

namespace ClientAgent.Service;

/// <summary>
/// Jobs whose outcome is recorded here (the engine's finished store) but not yet confirmed by the portal
/// (<c>&lt;state-dir&gt;/unreported-completions.json</c>). Each is reported again on every connect until the portal
/// confirms it, also after the agent itself restarted, so a crash or a dropped connection never leaves a job
/// running in the portal forever.
/// </summary>
internal sealed class UnreportedCompletions(string stateDirectory)
{
    public const string FileName = "unreported-completions.json";

    private readonly Lock _gate = new();
    private HashSet<Guid>? _jobs;

    private string FilePath => Path.Combine(stateDirectory, FileName);

    public IReadOnlyList<Guid> List()
    {
        lock (_gate)
        {
            return Load().Order().ToList();
        }
    }

    public bool Contains(Guid jobId)
    {
        lock (_gate)
        {
            return Load().Contains(jobId);
        }
    }

    public void Add(Guid jobId)
    {
        lock (_gate)
        {
            if (Load().Add(jobId))
            {
                Save();
            }
        }
    }

    public void Remove(Guid jobId)
    {
        lock (_gate)
        {
            if (Load().Remove(jobId))
            {
                Save();
            }
        }
    }

    private HashSet<Guid> Load()
    {
        if (_jobs is not null)
        {
            return _jobs;
        }

        try
        {
            _jobs = File.Exists(FilePath) ? JsonSerializer.Deserialize<HashSet<Guid>>(File.ReadAllBytes(FilePath)) ?? [] : [];
        }
        catch (JsonException)
        {
            // Torn by a crash mid-write (the rename below makes that unlikely): the portal re-pushes unfinished jobs anyway.
            _jobs = [];
        }

        return _jobs;
    }

    private void Save()
    {
        Directory.CreateDirectory(stateDirectory);
        var temporary = FilePath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, _jobs);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }
}
