namespace Portal.Hosting;

/// <summary>The portal's settings, bound from the <c>Portal</c> configuration section and validated at start-up.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>Holds the SQLite database, the data-protection keys and (for other parts) packages and logs.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>The administrator created on start-up when no administrator exists yet.</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>When true, start-up runs the demo seed steps (demo users first, then whatever other parts register).</summary>
    public bool SeedDemo { get; set; }

    public static string DefaultDataDirectory { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "portal");

    /// <summary>The SQLite database file used when no PostgreSQL connection string is configured.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "portal.db");
}
