using Catalog.Machines;
using Catalog.Requirements;

namespace Catalog.Tests.Requirements;

public sealed class VolumeLocatorTests
{
    private static readonly Volume[] LinuxVolumes = [new("/", 1, 1), new("/opt", 1, 1), new("/opt/big", 1, 1), new("/home", 1, 1)];
    private static readonly Volume[] WindowsVolumes = [new("C:\\", 1, 1), new("D:", 1, 1), new(@"C:\Mounts\Data", 1, 1)];

    [Theory]
    [InlineData("/opt/editor", "/opt")]
    [InlineData("/opt", "/opt")]
    [InlineData("/opt/", "/opt")]
    [InlineData("/opt/big/x", "/opt/big")]
    [InlineData("/optical/x", "/")]
    [InlineData("/var/lib", "/")]
    [InlineData("/", "/")]
    public void FindContaining_picks_the_longest_mount_point_prefix(string path, string expected)
    {
        Assert.Equal(expected, VolumeLocator.FindContaining(LinuxVolumes, path, OsFamily.Linux)?.Name);
    }

    [Theory]
    [InlineData(@"c:\program files\x", "C:\\")]
    [InlineData("D:/Games", "D:")]
    [InlineData(@"C:\MOUNTS\DATA\file", @"C:\Mounts\Data")]
    [InlineData("d:", "D:")]
    public void FindContaining_on_Windows_ignores_case_and_separator_style(string path, string expected)
    {
        Assert.Equal(expected, VolumeLocator.FindContaining(WindowsVolumes, path, OsFamily.Windows)?.Name);
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("")]
    [InlineData(@"E:\x")]
    public void FindContaining_returns_null_when_no_volume_contains_the_path(string path)
    {
        Assert.Null(VolumeLocator.FindContaining(WindowsVolumes, path, OsFamily.Windows));
    }

    [Fact]
    public void FindContaining_on_Linux_is_case_sensitive()
    {
        Assert.Equal("/", VolumeLocator.FindContaining(LinuxVolumes, "/OPT/x", OsFamily.Linux)?.Name);
    }

    [Fact]
    public void FindByName_matches_whole_names_only()
    {
        Assert.Equal("/opt", VolumeLocator.FindByName(LinuxVolumes, "/opt/", OsFamily.Linux)?.Name);
        Assert.Null(VolumeLocator.FindByName(LinuxVolumes, "/opt/editor", OsFamily.Linux));
        Assert.Equal("C:\\", VolumeLocator.FindByName(WindowsVolumes, "c:", OsFamily.Windows)?.Name);
        Assert.Null(VolumeLocator.FindByName(WindowsVolumes, " ", OsFamily.Windows));
    }
}
