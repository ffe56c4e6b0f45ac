namespace Catalog.Jobs;

public enum JobKind
{
    Install,
    Uninstall,
    Cache,
    /// <summary>Installs a package over the installed version of the same application (see <see cref="Job.UpgradeFrom"/>).</summary>
    Upgrade,
}
