namespace Catalog.Macros;

/// <summary>A piece of macro text: literal text, or a <c>%NAME%</c> reference (<see cref="Text"/> is then the name).</summary>
public readonly record struct MacroToken(bool IsReference, string Text);
