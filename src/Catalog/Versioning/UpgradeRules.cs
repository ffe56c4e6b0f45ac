namespace Catalog.Versioning;

/// <summary>
/// Whether a version may be installed over another: higher is an upgrade, equal a reinstall, lower a downgrade that
/// is refused unless the administrator allows it. The portal decides with it before it creates a job and the agent
/// decides again before it changes anything, so both give the same answer in the same words.
/// </summary>
public static class UpgradeRules
{
    public static UpgradeDecision Decide(string name, string installedVersion, string offeredVersion, bool allowDowngrade)
    {
        if (!DottedVersion.TryParse(offeredVersion, out var offered, out var offeredError))
        {
            return new UpgradeDecision(VersionChange.Upgrade, $"{name} cannot be updated: the offered version {offeredError}.");
        }

        if (!DottedVersion.TryParseReported(installedVersion, out var installed))
        {
            return new UpgradeDecision(VersionChange.Upgrade,
                $"{name} cannot be updated: the installed version '{installedVersion}' is not a version number this portal can compare.");
        }

        var order = offered.CompareTo(installed);
        if (order > 0)
        {
            return new UpgradeDecision(VersionChange.Upgrade, null);
        }

        if (order == 0)
        {
            return new UpgradeDecision(VersionChange.Reinstall, null);
        }

        return allowDowngrade
            ? new UpgradeDecision(VersionChange.Downgrade, null)
            : new UpgradeDecision(VersionChange.Downgrade,
                $"{name} {installedVersion} is installed, which is newer than {offeredVersion}; the administrator does not allow going back to an older version.");
    }
}
