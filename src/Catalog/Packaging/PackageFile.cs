namespace Catalog.Packaging;

/// <summary>A file in <c>payload/</c> and where it goes.</summary>
/// <param name="Source">Path inside <c>payload/</c>, forward slashes, no <c>..</c>.</param>
/// <param name="Target">Target path on the machine; may use macros (e.g. <c>%*PROGRAMS%/editor/bin/editor</c>).</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
/// <param name="Mode">Unix permission bits (e.g. 493 = 0755); null = default.</param>
/// <param name="Attribute">When the file is copied.</param>
public sealed record PackageFile(
    string Source,
    string Target,
    long Size,
    string Sha256,
    int? Mode = null,
    CopyAttribute Attribute = CopyAttribute.Always)
{
    /// <summary>
    /// Last-write time of the source file when the package was built; <see cref="CopyAttribute.IfNewer"/> compares
    /// the target's last-write time against it (null = the manifest's <c>CreatedAt</c>).
    /// </summary>
    public DateTimeOffset? ModifiedAt { get; init; }

    /// <summary>
    /// The <see cref="Source"/> of an earlier file in the package that this one is a hard link of (same content). The
    /// install makes it a hard link when it wrote that file itself, else copies it like any file. Null for most files.
    /// </summary>
    public string? HardLinkOf { get; init; }
}
