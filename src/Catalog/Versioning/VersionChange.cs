namespace Catalog.Versioning;

/// <summary>What installing an offered version over an installed one does.</summary>
public enum VersionChange
{
    /// <summary>The offered version is higher.</summary>
    Upgrade,
    /// <summary>The same version again (a repair).</summary>
    Reinstall,
    /// <summary>The offered version is lower; allowed only when the administrator allows downgrades.</summary>
    Downgrade,
}
