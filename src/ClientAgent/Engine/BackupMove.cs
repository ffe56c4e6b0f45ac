namespace ClientAgent.Engine;

/// <summary>A backup kept after commit: moved from the journal's backup directory to the receipt's.</summary>
public sealed record BackupMove(string From, string To);
