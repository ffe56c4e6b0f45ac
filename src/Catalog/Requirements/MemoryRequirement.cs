namespace Catalog.Requirements;

public sealed record MemoryRequirement(long MinimumMb) : Requirement;
