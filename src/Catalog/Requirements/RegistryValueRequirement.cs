namespace Catalog.Requirements;

/// <summary>A Windows registry value exists (and equals <see cref="ExpectedValue"/> when given). Evaluated only on Windows agents.</summary>
public sealed record RegistryValueRequirement(string Key, string ValueName, string? ExpectedValue = null) : Requirement;
