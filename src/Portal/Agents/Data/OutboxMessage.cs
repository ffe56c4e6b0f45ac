namespace Portal.Agents.Data;

/// <summary>An XML event body waiting to be POSTed to <see cref="Url"/>.</summary>
public sealed record OutboxMessage(long Id, string Url, string Body, int Attempts);
