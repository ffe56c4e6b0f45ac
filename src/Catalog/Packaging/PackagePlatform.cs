using Catalog.Machines;

namespace Catalog.Packaging;

/// <summary>The OS a package was built (or captured) on. Install refuses another OS family.</summary>
public sealed record PackagePlatform(OsFamily OsFamily, string OsVersion, CpuArchitecture? Architecture = null);
