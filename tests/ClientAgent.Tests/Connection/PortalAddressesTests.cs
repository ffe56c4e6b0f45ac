using ClientAgent.Connection;

namespace ClientAgent.Tests.Connection;

public sealed class PortalAddressesTests
{
    private static readonly Uri Node1 = new("https://portal-1.example.org/");
    private static readonly Uri Node2 = new("https://portal-2.example.org/");
    private static readonly Uri Node3 = new("https://portal-3.example.org:8443/");

    [Fact]
    public void Failover_starts_at_the_node_last_connected_to_and_wraps_around_in_order()
    {
        var portals = new PortalAddresses([Node1, Node2, Node3]);
        Assert.Equal([Node1, Node2, Node3], portals.InFailoverOrder());

        portals.MarkCurrent(new Uri("https://portal-2.example.org"));

        Assert.Equal(Node2, portals.Current);
        Assert.Equal([Node2, Node3, Node1], portals.InFailoverOrder());
    }

    [Fact]
    public void Marking_an_address_that_is_not_in_the_list_changes_nothing()
    {
        var portals = new PortalAddresses([Node1, Node2]);

        portals.MarkCurrent(new Uri("https://elsewhere.example.org/"));

        Assert.Equal(Node1, portals.Current);
    }

    [Fact]
    public void Only_the_configured_nodes_count_as_the_portal_that_may_receive_the_credential()
    {
        var portals = new PortalAddresses([Node1, Node3]);

        Assert.True(portals.Contains(new Uri("https://portal-1.example.org/api/packages/abc")));
        Assert.True(portals.Contains(new Uri("https://portal-3.example.org:8443/api/packages/abc")));
        Assert.False(portals.Contains(new Uri("https://portal-3.example.org/api/packages/abc")));
        Assert.False(portals.Contains(new Uri("http://portal-1.example.org/api/packages/abc")));
        Assert.False(portals.Contains(new Uri("https://mirror.example.org/api/packages/abc")));
    }

    [Fact]
    public void Parse_keeps_the_order_and_drops_repeats()
    {
        var parsed = PortalAddresses.Parse(["https://portal-2.example.org", "https://portal-1.example.org/", " "]);

        Assert.Equal([Node2, Node1], new PortalAddresses(parsed).All);
    }

    [Theory]
    [InlineData("ftp://portal.example.org")]
    [InlineData("portal.example.org")]
    [InlineData("/relative/path")]
    public void Parse_refuses_an_address_that_is_not_http_and_names_it(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PortalAddresses.Parse(["https://ok.example.org", value]));

        Assert.Equal($"--portal must be an http(s) address, not '{value}'.", error.Message);
    }

    [Fact]
    public void An_empty_list_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PortalAddresses([]));
    }
}
