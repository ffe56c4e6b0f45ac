using Catalog.Jobs;
using Dapper;

namespace Portal.Data;

/// <summary>A job's history lines.</summary>
public sealed class JobEventRepository
{
    private readonly IDbConnectionFactory _connections;

    public JobEventRepository(IDbConnectionFactory connections)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
    }

    /// <summary>Appends the event and returns its id.</summary>
    public async Task<long> AddAsync(JobEvent jobEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO job_events (job_id, at, level, message) VALUES (@JobId, @At, @Level, @Message) RETURNING id",
            new { jobEvent.JobId, jobEvent.At, Level = jobEvent.Level.ToString(), jobEvent.Message },
            cancellationToken: cancellationToken));
    }

    /// <summary>The job's events in the order they were added.</summary>
    public async Task<IReadOnlyList<JobEvent>> ListAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobEvent>(new CommandDefinition(
            "SELECT id, job_id, at, level, message FROM job_events WHERE job_id = @jobId ORDER BY id",
            new { jobId }, cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
