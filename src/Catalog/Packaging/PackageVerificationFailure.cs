namespace Catalog.Packaging;

/// <summary>The first payload file whose content does not match the manifest, and why.</summary>
public sealed record PackageVerificationFailure(PackageFile File, string Message);
