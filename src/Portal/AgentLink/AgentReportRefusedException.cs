namespace Portal.AgentLink;

/// <summary>An agent's report was refused (out of bounds, or about another machine's job or application); nothing was stored.</summary>
public sealed class AgentReportRefusedException(string message) : Exception(message);
