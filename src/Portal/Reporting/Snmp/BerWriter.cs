using System.Buffers.Binary;
using System.Text;

namespace Portal.Reporting.Snmp;

/// <summary>
/// The ASN.1 Basic Encoding Rules, as much as SNMP needs (X.690 definite-length form, as net-snmp writes it):
/// INTEGER, OCTET STRING, OBJECT IDENTIFIER, SEQUENCE, the SNMPv2 application types used in traps and
/// context-specific constructed PDUs. Each method returns one complete tag-length-value.
/// </summary>
public static class BerWriter
{
    public const byte IntegerTag = 0x02;
    public const byte OctetStringTag = 0x04;
    public const byte NullTag = 0x05;
    public const byte ObjectIdentifierTag = 0x06;
    public const byte SequenceTag = 0x30;
    /// <summary>SNMPv2-SMI TimeTicks: [APPLICATION 3] IMPLICIT INTEGER (0..4294967295).</summary>
    public const byte TimeTicksTag = 0x43;
    /// <summary>SNMPv2-Trap-PDU: [7] IMPLICIT constructed (RFC 3416).</summary>
    public const byte SnmpV2TrapTag = 0xA7;

    public static byte[] Integer(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        // Minimal two's complement: drop leading bytes that only repeat the sign of the next one.
        var start = 0;
        while (start < 7 && ((bytes[start] == 0x00 && (bytes[start + 1] & 0x80) == 0) || (bytes[start] == 0xFF && (bytes[start + 1] & 0x80) != 0)))
        {
            start++;
        }

        return Tlv(IntegerTag, bytes[start..].ToArray());
    }

    /// <summary>An unsigned 32-bit application type (TimeTicks, Counter32, Gauge32): a leading zero keeps it positive.</summary>
    public static byte[] Unsigned32(byte tag, uint value)
    {
        Span<byte> bytes = stackalloc byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(bytes[1..], value);
        var start = 0;
        while (start < 4 && bytes[start] == 0 && (bytes[start + 1] & 0x80) == 0)
        {
            start++;
        }

        return Tlv(tag, bytes[start..].ToArray());
    }

    public static byte[] OctetString(string value) => Tlv(OctetStringTag, Encoding.UTF8.GetBytes(value));

    public static byte[] Null() => [NullTag, 0x00];

    public static byte[] ObjectIdentifier(ObjectIdentifier identifier)
    {
        var arcs = identifier.Arcs;
        var content = new List<byte>();
        AppendBase128(content, (ulong)arcs[0] * 40 + arcs[1]);
        for (var i = 2; i < arcs.Count; i++)
        {
            AppendBase128(content, arcs[i]);
        }

        return Tlv(ObjectIdentifierTag, [.. content]);
    }

    public static byte[] Sequence(params byte[][] elements) => Constructed(SequenceTag, elements);

    public static byte[] Constructed(byte tag, params byte[][] elements) => Tlv(tag, [.. elements.SelectMany(e => e)]);

    public static byte[] Tlv(byte tag, byte[] content) => [tag, .. Length(content.Length), .. content];

    /// <summary>Short form below 128, else 0x80 | count followed by the big-endian length bytes.</summary>
    public static byte[] Length(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length < 0x80)
        {
            return [(byte)length];
        }

        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, length);
        var start = 0;
        while (bytes[start] == 0)
        {
            start++;
        }

        return [(byte)(0x80 | (4 - start)), .. bytes[start..]];
    }

    private static void AppendBase128(List<byte> content, ulong value)
    {
        Span<byte> groups = stackalloc byte[10];
        var count = 0;
        do
        {
            groups[count++] = (byte)(value & 0x7F);
            value >>= 7;
        }
        while (value != 0);

        for (var i = count - 1; i >= 0; i--)
        {
            content.Add((byte)(groups[i] | (i > 0 ? 0x80 : 0)));
        }
    }
}
