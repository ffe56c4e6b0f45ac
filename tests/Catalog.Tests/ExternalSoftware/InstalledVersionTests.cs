using Catalog.ExternalSoftware;
using Catalog.Versioning;

namespace Catalog.Tests.ExternalSoftware;

public sealed class InstalledVersionTests
{
    [Theory]
    [InlineData("1:2.3.4-1+deb12u1", "2.3.4")]
    [InlineData("2.3.4+dfsg-1", "2.3.4")]
    [InlineData("2.3.4-1", "2.3.4")]
    [InlineData("1.2~rc1-3", "1.2-rc1")]
    [InlineData("1.2~", "1.2")]
    [InlineData("3.0.11-1~deb12u2", "3.0.11")]
    [InlineData("5.36", "5.36")]
    public void Upstream_strips_epoch_and_revision(string version, string expected)
    {
        Assert.Equal(expected, InstalledVersion.Upstream(version));
    }

    [Theory]
    [InlineData("1:2.3.4-1+deb12u1", "dpkg", "2.3.4")]
    [InlineData("2.3.4-1.el9", "rpm", "2.3.4")]
    [InlineData("2.0.0-beta.1", "registry", "2.0.0-beta.1")]
    [InlineData("1:7.0-2", "registry", "7.0")]
    [InlineData("10.0.19041.1 (WinBuild)", "registry", "10.0.19041.1")]
    public void TryParse_reads_package_manager_versions(string version, string source, string expected)
    {
        Assert.True(InstalledVersion.TryParse(version, source, out var parsed));
        Assert.Equal(DottedVersion.Parse(expected), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("abc")]
    public void TryParse_fails_without_a_version(string? version)
    {
        Assert.False(InstalledVersion.TryParse(version, "dpkg", out _));
    }
}
