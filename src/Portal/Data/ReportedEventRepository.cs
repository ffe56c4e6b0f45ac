using System.Globalization;
using Catalog.Events;
using Dapper;

namespace Portal.Data;

/// <summary>Events reported by agents and the portal (the database destination), with queries for the reports page.</summary>
public sealed class ReportedEventRepository
{
    // Success and failure are the event types named so; written as SQL literals from the enum's own names.
    private static readonly string Tally = $"""
        SUM(CASE WHEN type IN {Literals("Success")} THEN 1 ELSE 0 END) AS successes,
        SUM(CASE WHEN type IN {Literals("Failure")} THEN 1 ELSE 0 END) AS failures
        """;

    private readonly IDbConnectionFactory _connections;

    public ReportedEventRepository(IDbConnectionFactory connections)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
    }

    /// <summary>Stores the event and returns its id.</summary>
    public async Task<long> AddAsync(ReportedEvent reported, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reported);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO reported_events
                (type, at, user_name, machine, machine_id, machine_address, application_name, application_id, version, job_id, message)
            VALUES
                (@Type, @At, @User, @Machine, @MachineId, @MachineAddress, @ApplicationName, @ApplicationId, @Version, @JobId, @Message)
            RETURNING id
            """,
            new
            {
                Type = reported.Type.ToString(),
                reported.At,
                reported.User,
                reported.Machine,
                reported.MachineId,
                reported.MachineAddress,
                reported.ApplicationName,
                reported.ApplicationId,
                reported.Version,
                reported.JobId,
                reported.Message,
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>Events matching the query, newest first.</summary>
    public async Task<IReadOnlyList<ReportedEvent>> QueryAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : $"%{EscapeLike(query.Text.Trim().ToLowerInvariant())}%";
        var parameters = new DynamicParameters(new { query.ApplicationId, query.MachineId, query.From, query.To, text, query.Limit, query.Offset });
        var where = new SqlWhere()
            .When(query.Types is { Count: > 0 }, $"type IN {SqlList.In(parameters, "type", query.Types?.Select(t => t.ToString()) ?? [])}")
            .When(query.ApplicationId is not null, "application_id = @ApplicationId")
            .When(query.MachineId is not null, "machine_id = @MachineId")
            .When(query.From is not null, "at >= @From")
            .When(query.To is not null, "at < @To")
            .When(
                text is not null,
                """
                (lower(message) LIKE @text ESCAPE '\' OR lower(user_name) LIKE @text ESCAPE '\'
                 OR lower(machine) LIKE @text ESCAPE '\' OR lower(application_name) LIKE @text ESCAPE '\')
                """);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReportedEvent>(new CommandDefinition(
            $"""
            SELECT id, type, at, user_name AS "User", machine, machine_id, machine_address, application_name, application_id,
                   version, job_id, message
            FROM reported_events
            {where}
            ORDER BY at DESC, id DESC
            LIMIT @Limit OFFSET @Offset
            """,
            parameters,
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Per UTC day with events in [<paramref name="from"/>, <paramref name="to"/>): successes and failures, oldest day first.</summary>
    public async Task<IReadOnlyList<DailyEventCount>> CountByDayAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Day, long Successes, long Failures)>(new CommandDefinition(
            $"""
            SELECT substr(at, 1, 10) AS day, {Tally}
            FROM reported_events
            WHERE at >= @from AND at < @to
            GROUP BY substr(at, 1, 10)
            ORDER BY day
            """,
            new { from, to },
            cancellationToken: cancellationToken));
        return rows.Select(r => new DailyEventCount(
            DateOnly.ParseExact(r.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), (int)r.Successes, (int)r.Failures)).ToList();
    }

    /// <summary>Per application name with events in [<paramref name="from"/>, <paramref name="to"/>): successes and failures, most events first.</summary>
    public async Task<IReadOnlyList<ApplicationEventCount>> CountByApplicationAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Name, long Successes, long Failures)>(new CommandDefinition(
            $"""
            SELECT application_name AS name, {Tally}
            FROM reported_events
            WHERE at >= @from AND at < @to AND application_name <> ''
            GROUP BY application_name
            ORDER BY COUNT(*) DESC, application_name
            """,
            new { from, to },
            cancellationToken: cancellationToken));
        return rows.Select(r => new ApplicationEventCount(r.Name, (int)r.Successes, (int)r.Failures)).ToList();
    }

    private static string Literals(string suffix) =>
        "(" + string.Join(", ", Enum.GetNames<EventType>().Where(n => n.EndsWith(suffix, StringComparison.Ordinal)).Select(n => $"'{n}'")) + ")";

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
