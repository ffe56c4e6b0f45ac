namespace Catalog.Requirements;

public sealed record CpuCountRequirement(int Minimum) : Requirement;
