namespace Catalog.Packaging;

/// <summary>ZENworks' four compression options for package and image files.</summary>
public enum CompressionChoice
{
    None,
    Fastest,
    Balanced,
    Smallest,
}
