namespace ClientAgent.Engine;

/// <summary>
/// The agent's state directory: <c>receipts/</c>, <c>journal/</c>, <c>cache/</c>, <c>jobs/</c>, <c>environment.d/</c>
/// and the job lock. Default <c>/var/lib/clientagent</c> as root, else <c>~/.local/share/clientagent</c>.
/// </summary>
public sealed class AgentStateDirectory(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string Receipts => Path.Combine(Root, "receipts");
    public string Journal => Path.Combine(Root, "journal");
    public string Cache => Path.Combine(Root, "cache");
    public string Jobs => Path.Combine(Root, "jobs");
    public string Environment => Path.Combine(Root, "environment.d");
    public string LockFile => Path.Combine(Root, "job.lock");

    public static bool IsRoot => !OperatingSystem.IsWindows() && System.Environment.UserName == "root";

    public static string DefaultRoot => IsRoot
        ? "/var/lib/clientagent"
        : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".local", "share", "clientagent");

    public string JournalFor(Guid jobId) => Path.Combine(Journal, jobId.ToString("N"));

    public void EnsureCreated()
    {
        foreach (var directory in new[] { Root, Receipts, Journal, Cache, Jobs })
        {
            Directory.CreateDirectory(directory);
        }
    }
}
