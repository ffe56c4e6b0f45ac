namespace Catalog.Jobs;

public enum JobPhase
{
    Downloading,
    Verifying,
    Installing,
    Uninstalling,
    Scripts,
    RollingBack,
}
