namespace Catalog.Applications;

public enum ScriptStage
{
    PreInstall,
    PostInstall,
    PreUninstall,
    PostUninstall,
}
