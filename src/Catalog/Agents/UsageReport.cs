namespace Catalog.Agents;

/// <summary>When one of an installed application's processes was last seen running on the machine.</summary>
public sealed record UsageReport(Guid ApplicationId, DateTimeOffset LastUsedAt);
