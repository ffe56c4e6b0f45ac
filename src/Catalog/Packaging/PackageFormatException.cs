namespace Catalog.Packaging;

/// <summary>A package file (or a manifest) that is malformed, inconsistent or unsafe; the message names the entry at fault.</summary>
public class PackageFormatException : Exception
{
    public PackageFormatException(string message)
        : base(message)
    {
    }

    public PackageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
