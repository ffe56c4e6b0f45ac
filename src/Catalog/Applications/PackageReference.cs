namespace Catalog.Applications;

/// <summary>The content-addressed package an application installs.</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the package file.</param>
/// <param name="Size">Package file size in bytes.</param>
/// <param name="FileName">Original file name, for display.</param>
public sealed record PackageReference(string Sha256, long Size, string FileName = "package.zip");
