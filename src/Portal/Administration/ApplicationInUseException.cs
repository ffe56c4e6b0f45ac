namespace Portal.Administration;

/// <summary>An application cannot be deleted because other applications refer to it.</summary>
public sealed class ApplicationInUseException(string message) : Exception(message);
