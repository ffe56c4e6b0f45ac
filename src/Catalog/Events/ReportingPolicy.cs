namespace Catalog.Events;

/// <summary>Which events go to which destinations. The database always receives every event.</summary>
public sealed record ReportingPolicy
{
    public IReadOnlyDictionary<EventType, ReportingDestinations> Routes { get; init; } =
        new Dictionary<EventType, ReportingDestinations>();
    /// <summary>Text log file path; a shared file if several applications name it.</summary>
    public string? LogFilePath { get; init; }
    /// <summary>http(s) URL receiving XML event posts.</summary>
    public string? XmlUrl { get; init; }
    /// <summary>Trap receiver as <c>host</c>, <c>host:port</c> or <c>[IPv6]:port</c> (port 162 when omitted); see <see cref="SnmpTrapTarget"/>.</summary>
    public string? SnmpTarget { get; init; }
    /// <summary>SNMPv2c community sent with each trap; <c>public</c> when empty.</summary>
    public string? SnmpCommunity { get; init; }
}
