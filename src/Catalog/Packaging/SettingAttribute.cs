namespace Catalog.Packaging;

/// <summary>How an INI/config setting is applied (ZENworks INI attributes).</summary>
public enum SettingAttribute
{
    CreateAlways,
    CreateIfExists,
    AddToSection,
    Delete,
}
