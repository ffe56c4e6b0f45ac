namespace Portal.Reporting.Snmp;

/// <summary>Portal-wide SNMP settings (<c>Portal:Snmp</c>); the receiver and community are per application.</summary>
public sealed class SnmpOptions
{
    /// <summary>
    /// RFC 5612's enterprise number for documentation (32473) until an installation sets its own IANA private
    /// enterprise number; notifications are <c>&lt;oid&gt;.0.N</c> and event fields <c>&lt;oid&gt;.1.N</c>
    /// (docs/reporting.md).
    /// </summary>
    public const string DefaultEnterpriseOid = "1.3.6.1.4.1.32473.1";

    public string EnterpriseOid { get; set; } = DefaultEnterpriseOid;

    /// <summary>How long resolving a receiver's host name may take before the trap is given up.</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
