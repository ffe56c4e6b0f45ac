using Catalog.Packaging;

namespace Portal.Data;

/// <summary>A row of the packages table; the manifest is a JSON column.</summary>
internal sealed class PackageRow
{
    public string Sha256 { get; init; } = "";

    public long Size { get; init; }

    public string FileName { get; init; } = "";

    public string Manifest { get; init; } = "";

    public DateTimeOffset UploadedAt { get; init; }

    public string UploadedBy { get; init; } = "";

    public StoredPackage ToPackage() => new()
    {
        Sha256 = Sha256,
        Size = Size,
        FileName = FileName,
        Manifest = DbJson.Read<PackageManifest>(Manifest, "package manifest"),
        UploadedAt = UploadedAt,
        UploadedBy = UploadedBy,
    };
}
