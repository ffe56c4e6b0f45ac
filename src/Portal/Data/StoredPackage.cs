using Catalog.Packaging;

namespace Portal.Data;

/// <summary>Metadata of a package file held in the portal's content-addressed store.</summary>
public sealed record StoredPackage
{
    /// <summary>Lower-case hex SHA-256 of the package file: its address in the store.</summary>
    public required string Sha256 { get; init; }

    public required long Size { get; init; }

    public required string FileName { get; init; }

    public required PackageManifest Manifest { get; init; }

    public required DateTimeOffset UploadedAt { get; init; }

    public string UploadedBy { get; init; } = "";
}
