namespace Portal.Scheduling;

/// <summary>Required-software scheduler settings, from the <c>Portal:Scheduling</c> configuration section.</summary>
public sealed class SchedulingOptions
{
    /// <summary>How often the scheduler looks at the next page of machines.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Machines per pass: each pass reads one page, so a pass costs the same on 10 or 10,000 machines.</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>A claim whose job was never created (its node stopped in between) is taken over after this long.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
