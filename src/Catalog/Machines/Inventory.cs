namespace Catalog.Machines;

/// <summary>What an agent reports about its machine.</summary>
public sealed record Inventory
{
    public OsFamily OsFamily { get; init; } = OsFamily.Linux;
    public string OsVersion { get; init; } = "";
    public CpuArchitecture Architecture { get; init; } = CpuArchitecture.X64;
    public int CpuCount { get; init; }
    public long MemoryMb { get; init; }
    public string HostName { get; init; } = "";
    public IReadOnlyList<Volume> Volumes { get; init; } = [];
    /// <summary>Software installed by other means (dpkg/rpm, uninstall registry keys).</summary>
    public IReadOnlyList<InstalledSoftware> ExternalSoftware { get; init; } = [];
    /// <summary>
    /// The <see cref="SoftwareDigest"/> of the agent's external-software list. With an empty
    /// <see cref="ExternalSoftware"/> it means "unchanged since I last sent it whole": the portal keeps the list it stored
    /// under this digest, or asks for the whole inventory (<c>RequestInventory</c>) when it has another. Null from agents
    /// that always send the whole list. Never stored.
    /// </summary>
    public string? ExternalSoftwareDigest { get; init; }

    /// <summary>Applications this portal installed (from the agent's receipts).</summary>
    public IReadOnlyList<InstalledApplication> Applications { get; init; } = [];
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>Files the portal asked about: path → probe result.</summary>
    public IReadOnlyDictionary<string, FileProbe> Files { get; init; } = new Dictionary<string, FileProbe>();
    /// <summary>Registry values the portal asked about (Windows): "KEY\\VALUE" → data, absent when missing.</summary>
    public IReadOnlyDictionary<string, string> Registry { get; init; } = new Dictionary<string, string>();
    /// <summary>Special macro values of this machine (e.g. *PROGRAMS → /opt).</summary>
    public IReadOnlyDictionary<string, string> SpecialMacros { get; init; } = new Dictionary<string, string>();
    /// <summary>The machine's time zone (IANA id, e.g. <c>Europe/Berlin</c>); maintenance windows are read in it. Empty = UTC.</summary>
    public string TimeZone { get; init; } = "";
    public DateTimeOffset ReportedAt { get; init; }
}
