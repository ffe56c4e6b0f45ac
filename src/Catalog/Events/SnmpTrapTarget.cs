using System.Globalization;

namespace Catalog.Events;

/// <summary>
/// Where a reporting policy sends its SNMP traps: a host name or IP address and a UDP port, written
/// <c>host</c>, <c>host:port</c> or <c>[IPv6]:port</c>; the port is 162 (snmptrap) when omitted.
/// </summary>
public sealed record SnmpTrapTarget(string Host, int Port)
{
    public const int DefaultPort = 162;
    public const int MaximumLength = 255;
    public const int MaximumCommunityLength = 64;

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal)
        ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}"
        : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The target <paramref name="text"/> names, or null when it is not one (<see cref="FindProblem"/> says why).</summary>
    public static SnmpTrapTarget? Parse(string? text) => TryParse(text, out var target, out _) ? target : null;

    /// <summary>A sentence saying what is wrong with <paramref name="text"/>, or null (also for no target).</summary>
    public static string? FindProblem(string? text) =>
        string.IsNullOrEmpty(text) || TryParse(text, out _, out var problem) ? null : problem;

    /// <summary>A sentence saying what is wrong with a community string, or null (empty means <c>public</c>).</summary>
    public static string? FindCommunityProblem(string? community)
    {
        if (string.IsNullOrEmpty(community))
        {
            return null;
        }

        if (community.Length > MaximumCommunityLength)
        {
            return $"The SNMP community is {community.Length} characters; the maximum is {MaximumCommunityLength}";
        }

        return community.All(c => c is >= '!' and <= '~')
            ? null
            : "The SNMP community may only contain printable ASCII characters without spaces";
    }

    private static bool TryParse(string? text, out SnmpTrapTarget? target, out string problem)
    {
        target = null;
        text = text?.Trim() ?? "";
        if (text.Length == 0)
        {
            problem = "An SNMP trap receiver is required when events are sent as SNMP traps";
            return false;
        }

        if (text.Length > MaximumLength)
        {
            problem = $"The SNMP trap receiver is {text.Length} characters; the maximum is {MaximumLength}";
            return false;
        }

        if (text.Contains('/', StringComparison.Ordinal))
        {
            problem = $"Write only the host and port of the SNMP trap receiver (nms.example.com:162), not '{text}'";
            return false;
        }

        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                problem = $"The SNMP trap receiver '{text}' is not written [IPv6 address]:port";
                return false;
            }

            host = text[1..close];
            port = close + 1 < text.Length ? text[(close + 2)..] : null;
            if (!System.Net.IPAddress.TryParse(host, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                problem = $"'{host}' in the SNMP trap receiver is not an IPv6 address";
                return false;
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                problem = $"Write the IPv6 SNMP trap receiver '{text}' in brackets, for example [{text}]:162";
                return false;
            }

            host = colon >= 0 ? text[..colon] : text;
            port = colon >= 0 ? text[(colon + 1)..] : null;
            if (!IsHostName(host))
            {
                problem = $"'{host}' in the SNMP trap receiver is not a host name or IP address";
                return false;
            }
        }

        var number = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            problem = $"The port of the SNMP trap receiver must be a number from 1 to 65535, not '{port}'";
            return false;
        }

        target = new SnmpTrapTarget(host, number);
        problem = "";
        return true;
    }

    private static bool IsHostName(string host) =>
        host.Length is > 0 and <= 253
        && host.Split('.').All(label => label.Length is > 0 and <= 63
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && label[0] != '-' && label[^1] != '-');
}
