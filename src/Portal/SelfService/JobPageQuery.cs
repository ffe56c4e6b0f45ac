using Catalog.Data;

namespace Portal.SelfService;

/// <summary>
/// One page of jobs for the helpdesk's grid, read with LIMIT/OFFSET (plus one row to know whether an older page
/// exists), so the page never loads the whole history. Staff only: users see their own jobs through <see cref="JobQueries"/>.
/// </summary>
public sealed class JobPageQuery(MachineAccess access, JobRepository jobs, ApplicationRepository applications, JobQueries views)
{
    public async Task<JobPage> ReadAsync(SelfServiceActor actor, JobQuery query, int offset, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        if (!actor.IsStaff)
        {
            throw new PortalAccessException("Only the helpdesk sees every machine's jobs.");
        }

        if (query.MachineId is { } machineId)
        {
            await access.GetAsync(actor, machineId, cancellationToken);
        }

        var size = Math.Clamp(count, 1, 200);
        var found = await jobs.ListAsync(new JobFilter
        {
            MachineId = query.MachineId,
            ApplicationId = query.ApplicationId,
            States = query.State is { } state ? [state] : null,
            Offset = Math.Max(0, offset),
            Limit = size + 1,
        }, cancellationToken);
        var page = await views.ToViewsAsync(found.Take(size).ToList(), cancellationToken);
        return new JobPage(page, found.Count > size);
    }

    /// <summary>The catalog's applications as "Name Version", for the application filter.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Label)>> ApplicationsAsync(CancellationToken cancellationToken) =>
        (await applications.ListAsync(cancellationToken)).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => (a.Id, $"{a.Name} {a.Version}")).ToList();
}
