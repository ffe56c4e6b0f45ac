using Catalog.ExternalSoftware;

namespace Portal.Data;

/// <summary>One published revision of the external-software list.</summary>
/// <param name="Replaced">True when this revision replaced the list whole (an import) rather than editing it.</param>
public sealed record ExternalSoftwareRevision(
    int Revision, DateTimeOffset PublishedAt, string PublishedBy, bool Replaced, IReadOnlyList<ExternalSoftwareEntry> Entries);
