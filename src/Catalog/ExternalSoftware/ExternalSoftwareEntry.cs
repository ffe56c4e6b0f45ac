namespace Catalog.ExternalSoftware;

/// <summary>Software installed by other means, matched by attributes against what agents report.</summary>
public sealed record ExternalSoftwareEntry
{
    public required string Name { get; init; }
    public string? Publisher { get; init; }
    public string? MinVersion { get; init; }
    public string? MaxVersion { get; init; }
    public string Notes { get; init; } = "";
}
