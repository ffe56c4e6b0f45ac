namespace ClientAgent.Engine;

/// <summary>
/// One journal that start-up recovery resolved: the interrupted job (when its journal names one), the application,
/// whether it was finished or rolled back, and a sentence for the job's history.
/// </summary>
public sealed record RecoveredJob(
    Guid? JobId,
    string ApplicationName,
    JournalOperation? Operation,
    bool RolledBack,
    string Summary,
    IReadOnlyList<string> Kept)
{
    public override string ToString() => Summary;
}
