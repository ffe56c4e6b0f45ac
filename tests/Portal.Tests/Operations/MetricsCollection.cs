namespace Portal.Tests.Operations;

/// <summary>Tests that read process-wide meters run with no other test class at the same time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Process-wide metrics";
}
