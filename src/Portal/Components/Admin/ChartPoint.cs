namespace Portal.Components.Admin;

/// <summary>One category of a success/failure chart (a day or an application).</summary>
public sealed record ChartPoint(string Label, int Successes, int Failures);
