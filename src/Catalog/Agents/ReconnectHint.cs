namespace Catalog.Agents;

/// <summary>
/// What the portal sends with <c>Reconnect</c> before it closes an agent's connection (shutdown, restart): make the
/// first attempt at a random time within <see cref="SpreadMs"/>, and wait at most <see cref="CapMs"/> between later
/// attempts, for <see cref="ValidForMs"/>; after that the agent's own back-off applies again. The portal sizes the spread
/// by how many agents it is closing, so their return is spread out instead of arriving at one instant.
/// </summary>
public sealed record ReconnectHint(int SpreadMs, int CapMs, int ValidForMs);
