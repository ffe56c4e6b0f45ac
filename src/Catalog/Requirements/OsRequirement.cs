using Catalog.Machines;

namespace Catalog.Requirements;

/// <summary>OS family and an optional inclusive version range.</summary>
public sealed record OsRequirement(OsFamily Family, string? MinVersion = null, string? MaxVersion = null) : Requirement;
