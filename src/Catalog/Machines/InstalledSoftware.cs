namespace Catalog.Machines;

/// <summary>A package the agent found installed by other means.</summary>
public sealed record InstalledSoftware(string Name, string Version, string? Publisher = null, string Source = "dpkg");
