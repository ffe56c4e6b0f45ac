namespace ClientAgent.Capture;

/// <summary>A capture that cannot proceed (missing state, bad root, bad macro); the message says what to fix.</summary>
public sealed class CaptureException(string message) : Exception(message);
