namespace ClientAgent.Engine;

/// <summary>A job this machine finished, with its outcome.</summary>
public sealed record FinishedJob(Guid JobId, EngineOutcome Outcome, string Message, DateTimeOffset FinishedAt);
