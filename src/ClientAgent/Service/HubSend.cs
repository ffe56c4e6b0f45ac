namespace ClientAgent.Service;

/// <summary>One agent → portal hub call waiting in the <see cref="AgentOutbox"/>.</summary>
/// <param name="CompletedJobId">Set on a <c>Completed</c> report: it is invoked (the portal confirms it) and then
/// struck from <see cref="UnreportedCompletions"/>.</param>
internal sealed record HubSend(string Method, object?[] Arguments, Guid? CompletedJobId = null);
