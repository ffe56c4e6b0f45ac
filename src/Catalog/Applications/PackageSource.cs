namespace Catalog.Applications;

/// <summary>A fallback location of the package: an http(s) URL or a file:// path.</summary>
public sealed record PackageSource(string Location);
