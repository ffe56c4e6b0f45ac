namespace Catalog.Requirements;

/// <summary>A file's version lies in an inclusive range.</summary>
public sealed record FileVersionRequirement(string Path, string? MinVersion = null, string? MaxVersion = null) : Requirement;
