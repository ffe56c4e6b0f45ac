namespace Portal;

/// <summary>
/// Marks the portal's assembly for <c>WebApplicationFactory&lt;PortalHost&gt;</c>: test projects that also reference
/// the agent (another executable with a <c>Program</c>) cannot name <c>Program</c> unambiguously.
/// </summary>
public sealed class PortalHost;
