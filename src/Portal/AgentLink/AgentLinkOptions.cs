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

    public string PackageDirectory => Path.Combine(DataDirectory, "packages");
}
