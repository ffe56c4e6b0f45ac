namespace Catalog.Macros;

/// <summary>A prompt answer that cannot be accepted, with the reason in plain English.</summary>
public sealed record PromptError(string MacroName, string Message);
