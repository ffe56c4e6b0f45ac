namespace Catalog.Macros;

/// <summary>A macro could not be expanded: unknown name, cycle, bad syntax or runaway size. The message says which.</summary>
public sealed class MacroException(string message) : Exception(message);
