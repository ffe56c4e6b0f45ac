namespace ClientAgent.Engine;

public enum JournalOperation
{
    Install,
    Uninstall,
}
