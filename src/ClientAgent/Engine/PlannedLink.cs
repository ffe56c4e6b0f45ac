namespace ClientAgent.Engine;

/// <summary>A package link with its target path expanded: <paramref name="Path"/> gets a link holding <paramref name="LinkTarget"/>.</summary>
public sealed record PlannedLink(string Path, string LinkTarget);
