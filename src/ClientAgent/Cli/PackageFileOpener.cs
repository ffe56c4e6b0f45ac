using ClientAgent.Engine;

namespace ClientAgent.Cli;

/// <summary>Opens a package file for the install command.</summary>
internal static class PackageFileOpener
{
    public static OpenedPackage Open(string path) =>
        throw new EngineFailureException($"{path} is a file; this build installs unpacked package directories only (manifest.json + payload/).");
}
