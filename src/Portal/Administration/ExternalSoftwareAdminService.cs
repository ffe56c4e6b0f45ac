using Portal.Data;
using Catalog.ExternalSoftware;

namespace Portal.Administration;

/// <summary>
/// The published external-software list: publishing adds or updates entries by name as a new revision; replacing
/// publishes exactly the given entries (a separate, deliberate action). Both are audited.
/// </summary>
public sealed class ExternalSoftwareAdminService(ExternalSoftwareRepository repository, AuditTrail audit, TimeProvider time)
{
    public Task<ExternalSoftwareList> GetCurrentAsync(CancellationToken cancellationToken) => repository.GetCurrentAsync(cancellationToken);

    public Task<IReadOnlyList<ExternalSoftwareRevision>> ListRevisionsAsync(CancellationToken cancellationToken) => repository.ListRevisionsAsync(cancellationToken);

    /// <summary>Adds <paramref name="entries"/> to the current list (same name = updated) as the next revision.</summary>
    /// <exception cref="ArgumentException">A blank or repeated name, or a bad version range.</exception>
    public async Task<ExternalSoftwareList> PublishAsync(IReadOnlyList<ExternalSoftwareEntry> entries, string actor, CancellationToken cancellationToken)
    {
        var current = await repository.GetCurrentAsync(cancellationToken);
        var next = current.Publish(entries, time.GetUtcNow());
        var saved = await repository.SaveRevisionAsync(next.Entries, replaced: false, actor, next.PublishedAt, cancellationToken);
        await audit.RecordAsync(actor, "external-software.publish", $"external software list revision {saved.Revision}",
            $"Published {entries.Count} entr{(entries.Count == 1 ? "y" : "ies")}: {Names(entries)}; the list now has {saved.Entries.Count}", cancellationToken);
        return new ExternalSoftwareList(saved.Revision, saved.PublishedAt, saved.Entries);
    }

    /// <summary>Publishes exactly <paramref name="entries"/> as the next revision; entries not listed are dropped.</summary>
    /// <exception cref="ArgumentException">A blank or repeated name, or a bad version range.</exception>
    public async Task<ExternalSoftwareList> ReplaceAsync(IReadOnlyList<ExternalSoftwareEntry> entries, string actor, CancellationToken cancellationToken)
    {
        var current = await repository.GetCurrentAsync(cancellationToken);
        var next = current.Replace(entries, time.GetUtcNow());
        var saved = await repository.SaveRevisionAsync(next.Entries, replaced: true, actor, next.PublishedAt, cancellationToken);
        await audit.RecordAsync(actor, "external-software.replace", $"external software list revision {saved.Revision}",
            $"Replaced the whole list ({current.Entries.Count} entries) with {saved.Entries.Count}: {Names(entries)}", cancellationToken);
        return new ExternalSoftwareList(saved.Revision, saved.PublishedAt, saved.Entries);
    }

    private static string Names(IEnumerable<ExternalSoftwareEntry> entries)
    {
        var names = entries.Select(e => e.Name?.Trim()).ToList();
        return names.Count == 0 ? "(none)" : string.Join(", ", names.Take(20)) + (names.Count > 20 ? $" and {names.Count - 20} more" : "");
    }
}
