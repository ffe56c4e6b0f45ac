using Catalog.Packaging;

namespace ClientAgent.Engine;

/// <summary>A setting with file, section, key and value macro-expanded.</summary>
public sealed record PlannedSetting(string File, string Section, string Key, string Value, SettingAttribute Attribute);
