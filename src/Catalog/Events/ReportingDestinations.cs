namespace Catalog.Events;

/// <summary>ZENworks' four event destinations: the database (always), a text log, XML over HTTP and SNMP traps.</summary>
[Flags]
public enum ReportingDestinations
{
    None = 0,
    Database = 1,
    TextLog = 2,
    XmlHttp = 4,
    /// <summary>An SNMPv2c trap to the policy's <see cref="ReportingPolicy.SnmpTarget"/>.</summary>
    Snmp = 8,
}
