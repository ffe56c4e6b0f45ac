namespace ClientAgent.Engine;

public enum JournalOperation
{
    Install,
    Uninstall,
    /// <summary>An install over an installed version (<see cref="UpgradeEngine"/>): rolled back to the old version.</summary>
    Upgrade,
}
