using Catalog.Packaging;

namespace ClientAgent.Engine;

/// <summary>A file the install wrote.</summary>
/// <param name="Path">Absolute path on this machine.</param>
/// <param name="Sha256">Hash of what the install wrote (lets uninstall spot a file changed since).</param>
/// <param name="PreExisted">True when the install overwrote an existing file; its backup is <paramref name="BackupPath"/>.</param>
public sealed record ReceiptFile(
    string Path,
    string Sha256,
    CopyAttribute Attribute = CopyAttribute.Always,
    bool PreExisted = false,
    string? BackupPath = null);
