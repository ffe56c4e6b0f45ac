namespace ClientAgent.Service;

/// <summary>A source cannot deliver the package (missing, refused, bad bytes): try the next one, don't retry this one.</summary>
internal sealed class PackageSourceRejectedException(string message) : Exception(message);
