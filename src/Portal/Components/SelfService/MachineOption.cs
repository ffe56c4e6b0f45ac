namespace Portal.Components.SelfService;

/// <summary>An entry of a machine filter (Guid.Empty = any machine).</summary>
public sealed record MachineOption(Guid Id, string Text);
