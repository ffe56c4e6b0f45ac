namespace Portal.Components.Shared;

/// <summary>One choice of an <see cref="OutlinedSelect"/>: the value it stands for and the text people read.</summary>
public sealed record SelectOption(string Value, string Text);
