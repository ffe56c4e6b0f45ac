namespace Portal.Components.Admin;

/// <summary>An application as offered in pickers: its id and "Name Version".</summary>
public sealed record ApplicationChoice(Guid Id, string Label);
