namespace Portal.Components.SelfService;

/// <summary>An entry of a machine filter drop-down (Radzen reads Text and Id as properties).</summary>
public sealed record MachineOption(Guid Id, string Text);
