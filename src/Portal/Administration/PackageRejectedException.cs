namespace Portal.Administration;

/// <summary>An uploaded package or imported image was refused; nothing was stored. The message says why.</summary>
public sealed class PackageRejectedException : Exception
{
    public PackageRejectedException(string message)
        : base(message)
    {
    }

    public PackageRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
