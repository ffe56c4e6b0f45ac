using System.Globalization;
using Catalog.Events;

namespace Portal.Reporting.Snmp;

/// <summary>
/// An event as an SNMPv2c trap (RFC 3416 SNMPv2-Trap-PDU in an RFC 1901 community message): <c>sysUpTime.0</c>,
/// <c>snmpTrapOID.0</c> = <c>&lt;enterprise&gt;.0.&lt;event type number&gt;</c>, then one OCTET STRING varbind per
/// event field, <c>&lt;enterprise&gt;.1.&lt;field number&gt;</c> (see <see cref="Fields"/>).
/// </summary>
public static class SnmpTrap
{
    public static readonly ObjectIdentifier SysUpTime = ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0");
    public static readonly ObjectIdentifier SnmpTrapOid = ObjectIdentifier.Parse("1.3.6.1.6.3.1.1.4.1.0");
    private const int SnmpV2c = 1;

    /// <summary>The event fields in varbind order: field number <c>i + 1</c> is <c>Fields[i]</c>.</summary>
    public static readonly IReadOnlyList<(string Name, Func<ReportedEvent, string> Value)> Fields =
    [
        ("eventType", e => e.Type.ToString()),
        ("eventTime", e => e.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
        ("eventUser", e => e.User),
        ("eventMachine", e => e.Machine),
        ("eventMachineId", e => e.MachineId?.ToString("D") ?? ""),
        ("eventMachineAddress", e => e.MachineAddress),
        ("eventApplicationName", e => e.ApplicationName),
        ("eventApplicationId", e => e.ApplicationId?.ToString("D") ?? ""),
        ("eventVersion", e => e.Version),
        ("eventJobId", e => e.JobId?.ToString("D") ?? ""),
        ("eventMessage", e => e.Message),
        ("eventId", e => e.Id.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>Notification number of an event type: ZENworks' order, from 1.</summary>
    public static uint NotificationNumber(EventType type) => (uint)type + 1;

    public static ObjectIdentifier NotificationOid(ObjectIdentifier enterprise, EventType type) => enterprise.Append(0, NotificationNumber(type));

    public static ObjectIdentifier FieldOid(ObjectIdentifier enterprise, int fieldIndex) => enterprise.Append(1, (uint)fieldIndex + 1);

    /// <summary>The UDP datagram for <paramref name="reported"/>.</summary>
    public static byte[] Encode(ReportedEvent reported, ObjectIdentifier enterprise, string community, int requestId, uint upTimeCentiseconds)
    {
        var bindings = new List<byte[]>
        {
            BerWriter.Sequence(BerWriter.ObjectIdentifier(SysUpTime), BerWriter.Unsigned32(BerWriter.TimeTicksTag, upTimeCentiseconds)),
            BerWriter.Sequence(BerWriter.ObjectIdentifier(SnmpTrapOid), BerWriter.ObjectIdentifier(NotificationOid(enterprise, reported.Type))),
        };
        for (var i = 0; i < Fields.Count; i++)
        {
            bindings.Add(BerWriter.Sequence(BerWriter.ObjectIdentifier(FieldOid(enterprise, i)), BerWriter.OctetString(Fields[i].Value(reported))));
        }

        var pdu = BerWriter.Constructed(BerWriter.SnmpV2TrapTag,
            BerWriter.Integer(requestId),
            BerWriter.Integer(0),
            BerWriter.Integer(0),
            BerWriter.Sequence([.. bindings]));
        return BerWriter.Sequence(BerWriter.Integer(SnmpV2c), BerWriter.OctetString(community), pdu);
    }
}
