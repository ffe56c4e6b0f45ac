namespace ClientAgent.Engine;

/// <summary>What resolving one journal did: finished a committed job or rolled it back, and what it left in place.</summary>
/// <param name="Committed">True when the job had committed and was finished; false when it was rolled back.</param>
/// <param name="Kept">One sentence per item rollback left alone (a link planted in its way, a file someone else saved).</param>
public sealed record JournalResolution(
    bool Committed,
    Guid? JobId,
    string? Name,
    JournalOperation? Operation,
    IReadOnlyList<string> Kept);
