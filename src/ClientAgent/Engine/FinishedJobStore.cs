using System.Text.Json;
using Catalog.Jobs;
using Catalog.Serialization;

namespace ClientAgent.Engine;

/// <summary>
/// Job ids this machine already finished (<c>jobs/finished.jsonl</c>), so a job pushed again after a reconnect is
/// ignored rather than run twice.
/// </summary>
public sealed class FinishedJobStore(AgentStateDirectory state, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private Dictionary<Guid, FinishedJob>? _finished;

    private string FilePath => Path.Combine(state.Jobs, "finished.jsonl");

    public bool IsFinished(Guid jobId)
    {
        lock (_gate)
        {
            return Load().ContainsKey(jobId);
        }
    }

    public FinishedJob? Get(Guid jobId)
    {
        lock (_gate)
        {
            return Load().GetValueOrDefault(jobId);
        }
    }

    public void MarkFinished(Guid jobId, JobState outcome, string message = "")
    {
        lock (_gate)
        {
            var finished = Load();
            if (finished.ContainsKey(jobId))
            {
                return;
            }

            var record = new FinishedJob(jobId, outcome, message, timeProvider.GetUtcNow());
            Directory.CreateDirectory(state.Jobs);
            using (var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                stream.Write(JsonSerializer.SerializeToUtf8Bytes(record, CatalogJson.Options));
                stream.WriteByte((byte)'\n');
                stream.Flush(flushToDisk: true);
            }

            finished[jobId] = record;
        }
    }

    private Dictionary<Guid, FinishedJob> Load()
    {
        if (_finished is not null)
        {
            return _finished;
        }

        _finished = [];
        if (File.Exists(FilePath))
        {
            foreach (var line in File.ReadLines(FilePath).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                try
                {
                    var record = JsonSerializer.Deserialize<FinishedJob>(line, CatalogJson.Options)!;
                    _finished[record.JobId] = record;
                }
                catch (JsonException)
                {
                    // A torn last line from a crash mid-append: the job was not recorded as finished.
                }
            }
        }

        return _finished;
    }
}
