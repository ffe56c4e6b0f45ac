namespace ClientAgent.Engine;

/// <summary>A small generated file (environment file, shortcut) with its bytes.</summary>
public sealed record PlannedWrite(string Path, byte[] Content, UnixFileMode? Mode);
