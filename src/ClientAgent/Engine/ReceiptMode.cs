namespace ClientAgent.Engine;

/// <summary>An existing directory whose permission bits the install changed, with the bits it had before.</summary>
public sealed record ReceiptMode(string Path, int PreviousMode);
