namespace Portal.Data;

/// <summary>Successful and failed events of one UTC day, for charts.</summary>
public sealed record DailyEventCount(DateOnly Day, int Successes, int Failures);
