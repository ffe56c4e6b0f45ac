namespace Portal.AgentLink;

/// <summary>Bytes added to the package store did not hash to the SHA-256 they were declared with.</summary>
public sealed class PackageHashMismatchException(string expected, string actual)
    : Exception($"The package does not match its SHA-256: expected {expected}, got {actual}.")
{
    public string Expected { get; } = expected;

    public string Actual { get; } = actual;
}
