namespace Catalog.ExternalSoftware;

/// <summary>The portal's one published external-software list.</summary>
public sealed record ExternalSoftwareList(int Revision, DateTimeOffset PublishedAt, IReadOnlyList<ExternalSoftwareEntry> Entries)
{
    public static ExternalSoftwareList Empty { get; } = new(0, DateTimeOffset.MinValue, []);

    /// <summary>The entry called <paramref name="name"/> (ignoring case), or null.</summary>
    public ExternalSoftwareEntry? Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A new revision with <paramref name="entries"/> added, each replacing the existing entry of the same name
    /// (ignoring case); other entries stay. Throws <see cref="ArgumentException"/> for a blank or repeated name or a bad version range.
    /// </summary>
    public ExternalSoftwareList Publish(IEnumerable<ExternalSoftwareEntry> entries, DateTimeOffset publishedAt)
    {
        var incoming = Checked(entries);
        var merged = Entries.ToList();
        foreach (var entry in incoming)
        {
            var index = merged.FindIndex(e => string.Equals(e.Name.Trim(), entry.Name, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                merged[index] = entry;
            }
            else
            {
                merged.Add(entry);
            }
        }

        return new ExternalSoftwareList(Revision + 1, publishedAt, merged);
    }

    /// <summary>A new revision holding exactly <paramref name="entries"/>. Throws <see cref="ArgumentException"/> for a blank or repeated name or a bad version range.</summary>
    public ExternalSoftwareList Replace(IEnumerable<ExternalSoftwareEntry> entries, DateTimeOffset publishedAt) =>
        new(Revision + 1, publishedAt, Checked(entries));

    private static List<ExternalSoftwareEntry> Checked(IEnumerable<ExternalSoftwareEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var result = new List<ExternalSoftwareEntry>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new ArgumentException("An external software entry needs a name.", nameof(entries));
            }

            var name = entry.Name.Trim();
            if (!names.Add(name))
            {
                throw new ArgumentException($"External software '{name}' is listed twice.", nameof(entries));
            }

            if (!Versioning.VersionRange.TryParse(entry.MinVersion, entry.MaxVersion, out _, out var rangeError))
            {
                throw new ArgumentException($"External software '{name}': {rangeError}.", nameof(entries));
            }

            result.Add(entry with { Name = name });
        }

        return result;
    }
}
