namespace ClientAgent.Engine;

/// <summary>A failure with a message meant for the user (e.g. "Post-install script exited with code 3").</summary>
public sealed class EngineFailureException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Why a job stopped, in words for the job's log: the engine's own message, a cancellation, or the unexpected error.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        EngineFailureException failure => failure.Message,
        OperationCanceledException => "the job was cancelled.",
        _ => $"{exception.Message} ({exception.GetType().Name})",
    };
}
