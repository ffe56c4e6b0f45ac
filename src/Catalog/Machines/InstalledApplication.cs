namespace Catalog.Machines;

/// <summary>An application installed through the portal, as the agent's receipt records it.</summary>
public sealed record InstalledApplication(Guid ApplicationId, string Name, string Version, DateTimeOffset InstalledAt, DateTimeOffset? LastUsedAt = null);
