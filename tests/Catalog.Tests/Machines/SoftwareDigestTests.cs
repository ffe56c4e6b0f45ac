using Catalog.Machines;

namespace Catalog.Tests.Machines;

/// <summary>The digest agents and the portal agree on: equal lists agree, lists whose fields run together differently do not.</summary>
public sealed class SoftwareDigestTests
{
    [Fact]
    public void Digest_TellsListsApartWhoseFieldsRunTogetherTheSame()
    {
        var a = SoftwareDigest.Of([new InstalledSoftware("ab", "c")]);
        var b = SoftwareDigest.Of([new InstalledSoftware("a", "bc")]);
        var noPublisher = SoftwareDigest.Of([new InstalledSoftware("a", "1", null)]);
        var emptyPublisher = SoftwareDigest.Of([new InstalledSoftware("a", "1", "")]);

        Assert.NotEqual(a, b);
        Assert.NotEqual(noPublisher, emptyPublisher);
        Assert.Equal(a, SoftwareDigest.Of([new InstalledSoftware("ab", "c")]));
        Assert.NotEqual(SoftwareDigest.Of([]), SoftwareDigest.Of([new InstalledSoftware("", "")]));
        Assert.True(SoftwareDigest.IsWellFormed(a));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789", false)]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678", false)]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", true)]
    public void OnlyALowerCaseSha256InHex_IsWellFormed(string? digest, bool wellFormed) =>
        Assert.Equal(wellFormed, SoftwareDigest.IsWellFormed(digest));

    [Fact]
    public void AnInventoryWithAMalformedDigest_IsRefused()
    {
        var problem = InventoryValidator.FindProblem(new Inventory { ExternalSoftwareDigest = "../../etc" }, DateTimeOffset.UtcNow);

        Assert.Equal("The external software digest is not a SHA-256 in lower-case hex", problem);
    }
}
