using Portal.Data;

namespace Portal.SelfService;

/// <summary>
/// One page of jobs for a grid, read with LIMIT/OFFSET (plus one row to know whether an older page exists) through
/// <see cref="JobQueries"/>, so a page never loads the whole history: staff see every machine's jobs, users their own.
/// </summary>
public sealed class JobPageQuery(ApplicationRepository applications, JobQueries views)
{
    public async Task<JobPage> ReadAsync(SelfServiceActor actor, JobQuery query, int offset, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(count, 1, 200);
        var found = await views.ListAsync(actor, query with { Offset = Math.Max(0, offset), Limit = size + 1 }, cancellationToken);
        return new JobPage(found.Take(size).ToList(), found.Count > size);
    }

    /// <summary>The catalog's applications as "Name Version", for the application filter.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Label)>> ApplicationsAsync(CancellationToken cancellationToken) =>
        (await applications.ListAsync(cancellationToken)).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => (a.Id, $"{a.Name} {a.Version}")).ToList();
}
