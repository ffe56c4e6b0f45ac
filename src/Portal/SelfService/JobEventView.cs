namespace Portal.SelfService;

/// <summary>One line of a job's history (progress, script output, outcome).</summary>
public sealed record JobEventView(DateTimeOffset At, string Level, string Message);
