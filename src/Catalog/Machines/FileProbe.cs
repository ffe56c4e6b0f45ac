namespace Catalog.Machines;

/// <summary>Whether a file exists on the machine and its version if it has one.</summary>
public sealed record FileProbe(bool Exists, string? Version = null);
