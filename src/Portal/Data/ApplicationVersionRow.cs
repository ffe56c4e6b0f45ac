namespace Portal.Data;

/// <summary>A row of application_versions as Dapper reads it.</summary>
internal sealed class ApplicationVersionRow
{
    public string Version { get; init; } = "";

    public string? PackageSha256 { get; init; }

    public DateTimeOffset FirstSavedAt { get; init; }

    public DateTimeOffset SavedAt { get; init; }
}
