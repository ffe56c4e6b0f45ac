namespace Catalog.Requirements;

/// <summary>Free space on a volume (mount point or drive letter; may be a macro such as <c>%*PROGRAMS%</c>).</summary>
public sealed record DiskSpaceRequirement(string Volume, long MinimumFreeMb) : Requirement;
