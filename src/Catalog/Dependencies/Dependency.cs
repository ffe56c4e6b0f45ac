namespace Catalog.Dependencies;

/// <summary>This application needs another application (by id) or external software (by name) first.</summary>
public sealed record Dependency(
    Guid? ApplicationId = null,
    string? ExternalSoftwareName = null,
    string? MinVersion = null,
    string? MaxVersion = null);
