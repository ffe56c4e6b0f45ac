namespace Portal.AgentLink;

/// <summary>Names used by the agent authentication scheme.</summary>
public static class AgentAuthentication
{
    /// <summary>The scheme name: <c>Authorization: Bearer &lt;agent credential&gt;</c>.</summary>
    public const string SchemeName = "Agent";

    /// <summary>Claim carrying the authenticated machine's id.</summary>
    public const string MachineIdClaim = "machine_id";

    /// <summary>Policy for package downloads: an agent, or an administrator signed in to the portal.</summary>
    public const string PackageReaderPolicy = "AgentOrAdministrator";

    /// <summary>Policy for enrollment-token and revocation endpoints.</summary>
    public const string ManageAgentsPolicy = "ManageAgents";
}
