namespace Catalog.Dependencies;

/// <summary>This application cannot be installed while another application or external software is present.</summary>
public sealed record Conflict(
    Guid? ApplicationId = null,
    string? ExternalSoftwareName = null,
    string? MinVersion = null,
    string? MaxVersion = null);
