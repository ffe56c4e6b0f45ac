namespace ClientAgent.Engine;

/// <summary>A symbolic link the install created; uninstall removes it only while it is still this link.</summary>
/// <param name="Path">Where the link is.</param>
/// <param name="LinkTarget">The text the install stored in it.</param>
/// <param name="BackupPath">What was at <paramref name="Path"/> before (moved aside, put back at uninstall); null when nothing was.</param>
public sealed record ReceiptLink(string Path, string LinkTarget, string? BackupPath = null);
