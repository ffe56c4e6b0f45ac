namespace Portal.Data;

/// <summary>Successful and failed events of one application, for charts.</summary>
public sealed record ApplicationEventCount(string ApplicationName, int Successes, int Failures);
