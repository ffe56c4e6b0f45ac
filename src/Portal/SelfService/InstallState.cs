namespace Portal.SelfService;

/// <summary>Where an application stands on one machine, as the catalog shows it.</summary>
public enum InstallState
{
    NotInstalled,
    Installed,
    /// <summary>An older version of the application is installed.</summary>
    UpdateAvailable,
    /// <summary>An install job for it is queued or running.</summary>
    Installing,
    /// <summary>An uninstall job for it is queued or running.</summary>
    Uninstalling,
    /// <summary>The user asked for removal and the helpdesk has not decided yet.</summary>
    UninstallRequested,
}
