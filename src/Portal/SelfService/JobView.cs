using Catalog.Jobs;
using Portal.Data;

namespace Portal.SelfService;

/// <summary>A job with the machine and application names, as pages and <c>/api/jobs</c> show it.</summary>
public sealed record JobView(
    Guid Id,
    Guid MachineId,
    string MachineName,
    Guid ApplicationId,
    string ApplicationName,
    string ApplicationVersion,
    string Kind,
    string State,
    string? Phase,
    int Percent,
    string Message,
    Guid ChainId,
    int ChainOrder,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>The attempt this one retried, if any.</summary>
    public Guid? RetryOf { get; init; }

    /// <summary>A later attempt replaced this one.</summary>
    public bool Superseded { get; init; }

    public static JobView From(JobListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var j = listing.Job;
        return new JobView(
            j.Id, j.MachineId, listing.MachineName.Length > 0 ? listing.MachineName : j.MachineId.ToString(),
            j.ApplicationId, listing.ApplicationName.Length > 0 ? listing.ApplicationName : "(deleted application)", listing.ApplicationVersion,
            j.Kind.ToString(), j.State.ToString(), j.Phase?.ToString(), j.Percent, j.Message,
            j.ChainId, j.ChainOrder, j.Attempt, j.CreatedAt, j.UpdatedAt, j.CompletedAt)
        {
            RetryOf = j.RetryOf,
            Superseded = j.Superseded,
        };
    }

    public bool IsActive => State is nameof(JobState.Queued) or nameof(JobState.Delivered) or nameof(JobState.Running) or nameof(JobState.Blocked);

    public bool CanRetry =>
        !Superseded && State is nameof(JobState.Failed) or nameof(JobState.RolledBack) or nameof(JobState.Cancelled) or nameof(JobState.Interrupted);

    /// <summary>An unfinished job can be cancelled; a running one is rolled back by its agent.</summary>
    public bool CanCancel => IsActive;

    /// <summary>The same job after a pushed change.</summary>
    public JobView With(JobState state, JobPhase? phase, int percent, string message) =>
        this with { State = state.ToString(), Phase = phase?.ToString(), Percent = percent, Message = message };
}
