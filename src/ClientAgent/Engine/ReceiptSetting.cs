using Catalog.Packaging;

namespace ClientAgent.Engine;

/// <summary>One INI/config value the install set or deleted, with what was there before.</summary>
/// <param name="Value">The value the install left (null for <see cref="SettingAttribute.Delete"/>).</param>
/// <param name="PreviousValue">The value before the install; null when the key was absent.</param>
/// <param name="SectionCreated">The install created the section itself.</param>
public sealed record ReceiptSetting(
    string File,
    string Section,
    string Key,
    string? Value,
    SettingAttribute Attribute,
    string? PreviousValue,
    bool SectionCreated = false);
