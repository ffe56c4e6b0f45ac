namespace Portal.AgentLink;

public enum MachineChangeKind
{
    Inventory,
    Usage,
    Connected,
    Disconnected,
}
