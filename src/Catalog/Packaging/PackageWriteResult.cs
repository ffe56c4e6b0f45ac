namespace Catalog.Packaging;

/// <summary>A package file just written: its completed manifest, and the file's size and SHA-256 (what the catalog stores).</summary>
public sealed record PackageWriteResult(PackageManifest Manifest, string Path, long Length, string Sha256);
