namespace Catalog.Packaging;

/// <summary>A directory the package creates (target may use macros).</summary>
public sealed record PackageDirectory(string Target, int? Mode = null);
