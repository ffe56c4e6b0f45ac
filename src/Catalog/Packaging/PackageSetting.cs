namespace Catalog.Packaging;

/// <summary>One INI/config setting: <c>[Section] Key=Value</c> in <see cref="File"/> (target path, may use macros).</summary>
public sealed record PackageSetting(
    string File,
    string Section,
    string Key,
    string Value,
    SettingAttribute Attribute = SettingAttribute.CreateAlways);
