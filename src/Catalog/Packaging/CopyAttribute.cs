namespace Catalog.Packaging;

/// <summary>When a package file is copied onto the machine (ZENworks copy attributes).</summary>
public enum CopyAttribute
{
    Always,
    IfNotExists,
    IfNewer,
    IfExists,
    IfDifferent,
}
