namespace ClientAgent.Service;

/// <summary>No source delivered the package with the right SHA-256; the message lists what each source did.</summary>
public sealed class PackageDownloadException(string message) : Exception(message);
