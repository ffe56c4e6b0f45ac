using Catalog.Data;
using Catalog.Events;
using Dapper;

namespace Portal.Agents.Data;

/// <summary><c>reported_events</c>: every event, whatever the application's reporting policy says.</summary>
public sealed class AgentEventStore(IDbConnectionFactory connections)
{
    public async Task<long> InsertAsync(ReportedEvent reported, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO reported_events (type, at, user_name, machine, machine_id, machine_address, application_name, application_id, version, job_id, message)
            VALUES (@type, @at, @user, @machine, @machineId, @address, @applicationName, @applicationId, @version, @jobId, @message)
            RETURNING id
            """,
            new
            {
                type = reported.Type.ToString(),
                at = Db.Time(reported.At),
                user = reported.User,
                machine = reported.Machine,
                machineId = Db.Id(reported.MachineId),
                address = reported.MachineAddress,
                applicationName = reported.ApplicationName,
                applicationId = Db.Id(reported.ApplicationId),
                version = reported.Version,
                jobId = Db.Id(reported.JobId),
                message = reported.Message,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ReportedEvent>> ListForMachineAsync(Guid machineId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Type, string At, string User, string Machine, string Address,
            string ApplicationName, string? ApplicationId, string Version, string? JobId, string Message)>(new CommandDefinition(
            """
            SELECT id, type, at, user_name, machine, machine_address, application_name, application_id, version, job_id, message
            FROM reported_events WHERE machine_id = @machineId ORDER BY id
            """,
            new { machineId = Db.Id(machineId) }, cancellationToken: cancellationToken));
        return rows.Select(r => new ReportedEvent
        {
            Id = r.Id,
            Type = Db.Enum<EventType>(r.Type),
            At = Db.ParseTime(r.At),
            User = r.User,
            Machine = r.Machine,
            MachineId = machineId,
            MachineAddress = r.Address,
            ApplicationName = r.ApplicationName,
            ApplicationId = Db.ParseId(r.ApplicationId),
            Version = r.Version,
            JobId = Db.ParseId(r.JobId),
            Message = r.Message,
        }).ToList();
    }
}
