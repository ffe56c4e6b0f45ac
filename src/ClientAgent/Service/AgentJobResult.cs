using Catalog.Jobs;

namespace ClientAgent.Service;

/// <summary>How a job ended on this machine, as reported with <c>Completed</c>.</summary>
public sealed record AgentJobResult(JobState Outcome, string Message);
