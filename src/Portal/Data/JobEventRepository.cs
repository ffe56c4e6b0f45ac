using System.Data.Common;
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
        return await InsertAsync(connection, null, jobEvent.JobId, jobEvent.At, jobEvent.Level, jobEvent.Message, cancellationToken);
    }

    /// <summary>Adds an event inside the caller's transaction (a job transition and its event commit together); returns its id.</summary>
    internal static Task<long> InsertAsync(
        DbConnection connection, DbTransaction? transaction, Guid jobId, DateTimeOffset at, JobEventLevel level, string message,
        CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO job_events (job_id, at, level, message) VALUES (@jobId, @at, @level, @message) RETURNING id",
            new { jobId, at, level = level.ToString(), message },
            transaction,
            cancellationToken: cancellationToken));

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
