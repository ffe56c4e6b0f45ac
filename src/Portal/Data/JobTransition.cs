using Catalog.Jobs;

namespace Portal.Data;

/// <summary>
/// What one committed job transition changed: the job itself, the later chain members it stopped, and the chain's next
/// job when it became deliverable. The lifecycle publishes all of them after the commit.
/// </summary>
public sealed record JobTransition(Job Job, IReadOnlyList<Job> Stopped, Job? Next)
{
    public IEnumerable<Job> Changed => Stopped.Prepend(Job);
}
