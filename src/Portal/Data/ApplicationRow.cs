using Catalog.Applications;

namespace Portal.Data;

/// <summary>A row of the applications table: the JSON document and the timestamps kept in columns.</summary>
internal sealed class ApplicationRow
{
    public Guid Id { get; init; }

    public string Document { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public Application ToApplication() =>
        DbJson.Read<Application>(Document, "application") with { CreatedAt = CreatedAt, UpdatedAt = UpdatedAt };
}
