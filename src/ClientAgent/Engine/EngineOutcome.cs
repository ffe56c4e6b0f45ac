namespace ClientAgent.Engine;

/// <summary>How an install or uninstall ended.</summary>
public enum EngineOutcome
{
    Succeeded,
    /// <summary>Refused before anything was changed (wrong OS, bad answers, too little disk, already installed).</summary>
    Failed,
    /// <summary>Something failed after changes began; every change was undone through the journal.</summary>
    RolledBack,
}
