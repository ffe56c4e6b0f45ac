namespace Catalog.Machines;

public enum OsFamily
{
    Linux,
    Windows,
    MacOS,
}
