using Catalog.Machines;

namespace Catalog.Requirements;

/// <summary>The machine's architecture is one of these.</summary>
public sealed record ArchitectureRequirement(IReadOnlyList<CpuArchitecture> Architectures) : Requirement;
