namespace ClientAgent.Service;

/// <summary>What enrollment gives the agent: where the portal is, which machine this is, and its secret credential.</summary>
public sealed record AgentCredentials(string Portal, Guid MachineId, string Credential)
{
    public Uri PortalUri => new(Portal.EndsWith('/') ? Portal : Portal + "/");
}
