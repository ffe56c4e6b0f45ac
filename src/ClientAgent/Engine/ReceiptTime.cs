namespace ClientAgent.Engine;

/// <summary>
/// The last-write time an existing item had before the install touched it (a directory that gained or lost entries,
/// a settings file edited in place), put back at the end of uninstall so the tree reads as before. For a file,
/// <paramref name="Sha256"/> is its content then: the time goes back only when the content did.
/// </summary>
public sealed record ReceiptTime(string Path, long ModifiedTicks, string? Sha256 = null);
