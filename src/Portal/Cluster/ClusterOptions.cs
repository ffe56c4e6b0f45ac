namespace Portal.Cluster;

/// <summary>
/// Several portal nodes on one PostgreSQL database (<c>Portal:Cluster</c>). Only used when <c>ConnectionStrings:Portal</c>
/// is set; a single SQLite node ignores it.
/// </summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Portal:Cluster";

    /// <summary>This node's name in the database and the logs; default host name, process id and a random suffix.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>
    /// How often a node re-reads what a lost wake-up could have hidden (queued jobs for its agents); NOTIFY is lost while
    /// the listening connection is down, so this is the fallback's delay.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the node records that it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A node silent for this long is dead: its agent connections are removed and its machines go offline.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
