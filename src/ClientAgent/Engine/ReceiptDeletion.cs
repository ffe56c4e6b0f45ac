namespace ClientAgent.Engine;

/// <summary>A file or directory the install deleted; <see cref="BackupPath"/> holds the copy restored at uninstall.</summary>
public sealed record ReceiptDeletion(string Path, string BackupPath, bool IsDirectory);
