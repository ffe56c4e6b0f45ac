namespace Catalog.Jobs;

public enum JobKind
{
    Install,
    Uninstall,
    Cache,
}
