namespace Catalog.Packaging;

/// <summary>An environment variable the package sets (Linux: a file under the agent's environment directory).</summary>
public sealed record PackageEnvironmentVariable(string Name, string Value);
