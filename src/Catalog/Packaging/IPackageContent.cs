namespace Catalog.Packaging;

/// <summary>A package's manifest and payload, whether read from a package file or from a directory.</summary>
public interface IPackageContent
{
    PackageManifest Manifest { get; }

    /// <summary>Opens the payload bytes of <paramref name="file"/> (by its <see cref="PackageFile.Source"/>).</summary>
    Stream OpenPayload(PackageFile file);
}
