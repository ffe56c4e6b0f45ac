using Catalog.Packaging;

namespace ClientAgent.Capture;

/// <summary>A snapshot diff turned into package contents: the manifest (sizes and hashes still to be filled in) and warnings.</summary>
public sealed record CapturedChanges(PackageManifest Manifest, IReadOnlyList<string> Warnings);
