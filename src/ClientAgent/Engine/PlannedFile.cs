using Catalog.Packaging;

namespace ClientAgent.Engine;

/// <summary>A payload file with its macro-expanded absolute target.</summary>
public sealed record PlannedFile(PackageFile File, string Target);
