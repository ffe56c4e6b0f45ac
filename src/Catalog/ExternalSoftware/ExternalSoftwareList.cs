namespace Catalog.ExternalSoftware;

/// <summary>The portal's one published external-software list.</summary>
public sealed record ExternalSoftwareList(int Revision, DateTimeOffset PublishedAt, IReadOnlyList<ExternalSoftwareEntry> Entries)
{
    public static ExternalSoftwareList Empty { get; } = new(0, DateTimeOffset.MinValue, []);
}
