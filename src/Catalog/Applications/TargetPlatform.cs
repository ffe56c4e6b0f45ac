using Catalog.Machines;

namespace Catalog.Applications;

/// <summary>The platform the application's package was built for.</summary>
public sealed record TargetPlatform
{
    public OsFamily OsFamily { get; init; } = OsFamily.Linux;
    public IReadOnlyList<CpuArchitecture> Architectures { get; init; } = [];
}
