using Catalog.Jobs;

namespace ClientAgent.Engine;

/// <summary>A job this machine finished, with its outcome as reported to the portal.</summary>
public sealed record FinishedJob(Guid JobId, JobState Outcome, string Message, DateTimeOffset FinishedAt);
