namespace ClientAgent.Engine;

/// <summary>A failure with a message meant for the user (e.g. "Post-install script exited with code 3").</summary>
public sealed class EngineFailureException(string message, Exception? inner = null) : Exception(message, inner);
