namespace ClientAgent.Capture;

/// <summary>One <c>[Section] Key=Value</c> of an INI-style file (Section is "" before the first header).</summary>
public sealed record ConfigValue(string Section, string Key, string Value);
