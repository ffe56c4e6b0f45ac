using System.Text.Json.Serialization;

namespace ClientAgent.Service;

/// <summary>
/// What enrollment gives the agent: where the portal is, which machine this is, and its secret credential.
/// <see cref="Portals"/> optionally lists every portal node (in failover order) when several serve the same fleet.
/// </summary>
public sealed record AgentCredentials(string Portal, Guid MachineId, string Credential)
{
    /// <summary>Every portal node to fail over between, in order (<c>"portals"</c> in agent.json); null: only <see cref="Portal"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Portals { get; init; }

    public Uri PortalUri => new(Portal.EndsWith('/') ? Portal : Portal + "/");

    /// <summary>The portal nodes in failover order: <see cref="Portals"/> when given, else <see cref="Portal"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<Uri> PortalUris => Portals is { Count: > 0 }
        ? Portals.Select(p => new Uri(p.EndsWith('/') ? p : p + "/")).ToList()
        : [PortalUri];
}
