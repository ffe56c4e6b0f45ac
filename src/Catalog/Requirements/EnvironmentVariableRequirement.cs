namespace Catalog.Requirements;

/// <summary>An environment variable equals a value (case-sensitive value, case-insensitive name on Windows).</summary>
public sealed record EnvironmentVariableRequirement(string Name, string Value) : Requirement;
