namespace Catalog.Applications;

/// <summary>One version in an application's line of versions: when it was first and last saved, with which package.</summary>
public sealed record ApplicationVersion(string Version, string? PackageSha256, DateTimeOffset FirstSavedAt, DateTimeOffset SavedAt);
