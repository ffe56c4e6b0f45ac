using Catalog.ExternalSoftware;

namespace Portal.Data;

/// <summary>A row of the external_software_revisions table; the entries are a JSON column.</summary>
internal sealed class ExternalSoftwareRevisionRow
{
    public long Revision { get; init; }

    public DateTimeOffset PublishedAt { get; init; }

    public string PublishedBy { get; init; } = "";

    public long Replaced { get; init; }

    public string Entries { get; init; } = "[]";

    public ExternalSoftwareRevision ToRevision() => new(
        (int)Revision, PublishedAt, PublishedBy, Replaced != 0,
        DbJson.Read<List<ExternalSoftwareEntry>>(Entries, "external software list"));
}
