using Catalog.Events;

namespace Catalog.Tests.Events;

public sealed class SnmpTrapTargetTests
{
    [Theory]
    [InlineData("nms.example.com", "nms.example.com", 162)]
    [InlineData("nms.example.com:1162", "nms.example.com", 1162)]
    [InlineData(" 10.0.0.5:162 ", "10.0.0.5", 162)]
    [InlineData("[::1]:16200", "::1", 16200)]
    [InlineData("[fe80::1]", "fe80::1", 162)]
    public void Parse_ReadsHostAndPort(string text, string host, int port) =>
        Assert.Equal(new SnmpTrapTarget(host, port), SnmpTrapTarget.Parse(text));

    [Theory]
    [InlineData("nms.example.com:0", "port of the SNMP trap receiver must be a number from 1 to 65535")]
    [InlineData("nms.example.com:70000", "port of the SNMP trap receiver must be a number from 1 to 65535")]
    [InlineData("nms.example.com:snmp", "not 'snmp'")]
    [InlineData("::1", "in brackets")]
    [InlineData("[nms.example.com]:162", "is not an IPv6 address")]
    [InlineData("[::1", "is not written [IPv6 address]:port")]
    [InlineData("nms example", "is not a host name or IP address")]
    [InlineData("http://nms.example.com/", "Write only the host and port")]
    [InlineData("-nms.example.com", "is not a host name or IP address")]
    public void FindProblem_SaysWhatIsWrong(string text, string expected) =>
        Assert.Contains(expected, SnmpTrapTarget.FindProblem(text));

    [Fact]
    public void ToString_WritesIPv6InBrackets() => Assert.Equal("[::1]:162", new SnmpTrapTarget("::1", 162).ToString());

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\tinside")]
    [InlineData("ünïcode")]
    public void Community_MustBePrintableAsciiWithoutSpaces(string community) =>
        Assert.Contains("printable ASCII", SnmpTrapTarget.FindCommunityProblem(community));

    [Fact]
    public void Community_HasAMaximumLength() =>
        Assert.Contains("maximum is 64", SnmpTrapTarget.FindCommunityProblem(new string('c', 65)));
}
