namespace Portal.AgentLink;

/// <summary>Agent link settings, read from the <c>Portal</c> configuration section (<c>Portal:DataDirectory</c>, ...).</summary>
public sealed class AgentLinkOptions
{
    /// <summary>Holds the SQLite file and the package store (<c>packages/</c>).</summary>
    public string DataDirectory { get; set; } = Hosting.PortalOptions.DefaultDataDirectory;

    /// <summary>How often the unused-application sweep runs.</summary>
    public TimeSpan UnusedSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the XML outbox is drained when idle.</summary>
    public TimeSpan OutboxInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many returning agents per second a restarted node is expected to take: a stopping node asks its agents to
    /// spread their first reconnect attempts over agents / this rate (docs/performance.md).
    /// </summary>
    public int ReconnectRatePerSecond { get; set; } = 1000;

    /// <summary>The shortest spread a stopping node asks for.</summary>
    public TimeSpan ReconnectSpreadMin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between an agent's later reconnect attempts while the hint is in force.</summary>
    public TimeSpan ReconnectCap { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the hint stays in force on the agent; then its own back-off applies again.</summary>
    public TimeSpan ReconnectHintValidity { get; set; } = TimeSpan.FromMinutes(5);

    public string PackageDirectory => Path.Combine(DataDirectory, "packages");
}
