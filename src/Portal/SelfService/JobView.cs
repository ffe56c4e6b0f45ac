using Catalog.Jobs;

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
    public bool IsActive => State is nameof(JobState.Queued) or nameof(JobState.Delivered) or nameof(JobState.Running);

    public bool CanRetry => State is nameof(JobState.Failed) or nameof(JobState.RolledBack) or nameof(JobState.Cancelled);

    public bool CanCancel => State is nameof(JobState.Queued) or nameof(JobState.Delivered);

    /// <summary>The same job after a pushed change.</summary>
    public JobView With(JobState state, JobPhase? phase, int percent, string message) =>
        this with { State = state.ToString(), Phase = phase?.ToString(), Percent = percent, Message = message };
}
