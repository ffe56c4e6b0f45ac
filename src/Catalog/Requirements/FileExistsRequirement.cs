namespace Catalog.Requirements;

/// <summary>A file exists (or, with <see cref="MustExist"/> false, does not).</summary>
public sealed record FileExistsRequirement(string Path, bool MustExist = true) : Requirement;
