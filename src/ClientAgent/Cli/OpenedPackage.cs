using Catalog.Packaging;

namespace ClientAgent.Cli;

/// <summary>An opened package and whatever must be disposed with it (e.g. the zip archive).</summary>
internal sealed record OpenedPackage(IPackageContent Content, IDisposable? Owner) : IDisposable
{
    public void Dispose() => Owner?.Dispose();
}
