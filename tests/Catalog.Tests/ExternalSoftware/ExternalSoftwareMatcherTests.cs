using Catalog.ExternalSoftware;
using Catalog.Machines;
using Catalog.Versioning;

namespace Catalog.Tests.ExternalSoftware;

public sealed class ExternalSoftwareMatcherTests
{
    private static ExternalSoftwareEntry Entry(string name, string? publisher = null, string? min = null, string? max = null) =>
        new() { Name = name, Publisher = publisher, MinVersion = min, MaxVersion = max };

    [Theory]
    [InlineData("libssl3", "LIBSSL3")]
    [InlineData(" libssl3 ", "libssl3")]
    public void Names_match_ignoring_case_and_surrounding_spaces(string entryName, string installedName)
    {
        Assert.True(ExternalSoftwareMatcher.IsMatch(Entry(entryName), new InstalledSoftware(installedName, "3.0.11-1")));
    }

    [Fact]
    public void Different_names_do_not_match()
    {
        Assert.False(ExternalSoftwareMatcher.IsMatch(Entry("libssl3"), new InstalledSoftware("libssl1.1", "1.1")));
    }

    [Theory]
    [InlineData("Debian", "debian", true)]
    [InlineData("Debian", "Ubuntu", false)]
    [InlineData("Debian", null, false)]
    [InlineData(null, "anyone", true)]
    [InlineData(" ", null, true)]
    public void Publisher_must_match_when_the_entry_sets_one(string? entryPublisher, string? installedPublisher, bool expected)
    {
        var installed = new InstalledSoftware("git", "2.39", installedPublisher);

        Assert.Equal(expected, ExternalSoftwareMatcher.IsMatch(Entry("git", entryPublisher), installed));
    }

    [Theory]
    [InlineData("1:2.3.4-1+deb12u1", "2.3.4", "2.3.4", true)]
    [InlineData("1:2.3.4-1+deb12u1", "2.3.5", null, false)]
    [InlineData("2.3.4+dfsg-1", "2.3", "2.3.4", true)]
    [InlineData("3.0.11-1~deb12u2", "3.0", "3.0.11", true)]
    [InlineData("1.2~rc1-3", "1.2", null, false)]
    [InlineData("1.2~rc1-3", "1.2-rc1", null, true)]
    [InlineData("2.39.2", "2.40", null, false)]
    [InlineData("2.39.2", null, "2.39.2", true)]
    [InlineData("not-a-version", "1.0", null, false)]
    public void Version_range_compares_the_upstream_version(string installedVersion, string? min, string? max, bool expected)
    {
        var installed = new InstalledSoftware("pkg", installedVersion, Source: "dpkg");

        Assert.Equal(expected, ExternalSoftwareMatcher.IsMatch(Entry("pkg", min: min, max: max), installed));
    }

    [Fact]
    public void Entry_without_a_range_matches_even_an_unreadable_version()
    {
        Assert.True(ExternalSoftwareMatcher.IsMatch(Entry("pkg"), new InstalledSoftware("pkg", "unknown")));
    }

    [Fact]
    public void Entry_with_an_invalid_range_never_matches()
    {
        Assert.False(ExternalSoftwareMatcher.IsMatch(Entry("pkg", min: "x"), new InstalledSoftware("pkg", "1.0")));
    }

    [Fact]
    public void Non_package_manager_versions_keep_their_pre_release_tag()
    {
        var installed = new InstalledSoftware("Tool", "2.0.0-beta.1", Source: "registry");

        Assert.False(ExternalSoftwareMatcher.IsMatch(Entry("Tool", min: "2.0.0"), installed));
        Assert.True(ExternalSoftwareMatcher.IsMatch(Entry("Tool", min: "2.0.0-beta"), installed));
    }

    [Fact]
    public void Extra_range_narrows_the_match()
    {
        var installed = new InstalledSoftware("pkg", "1:2.3.4-1");

        Assert.True(ExternalSoftwareMatcher.IsMatch(Entry("pkg"), installed, VersionRange.Parse("2.0", null)));
        Assert.False(ExternalSoftwareMatcher.IsMatch(Entry("pkg"), installed, VersionRange.Parse("3.0", null)));
    }

    [Fact]
    public void FindInstalled_returns_matches_highest_version_first()
    {
        InstalledSoftware[] installed =
            [new("python3", "3.9.2-3"), new("perl", "5.36"), new("Python3", "3.11.2-1+b1"), new("python3", "3.10.1-1")];

        var found = ExternalSoftwareMatcher.FindInstalled(Entry("python3", min: "3.10"), installed);

        Assert.Equal(["3.11.2-1+b1", "3.10.1-1"], found.Select(s => s.Version));
    }

    [Fact]
    public void FindInstalled_for_a_list_pairs_each_found_entry_with_its_software()
    {
        var list = ExternalSoftwareList.Empty.Replace([Entry("git"), Entry("curl"), Entry("zsh", min: "6")], DateTimeOffset.UnixEpoch);
        var machine = new Inventory { ExternalSoftware = [new("curl", "7.88.1-10"), new("git", "1:2.39.2-1.1"), new("zsh", "5.9-4")] };

        var matches = ExternalSoftwareMatcher.FindInstalled(list, machine);

        Assert.Equal(["git", "curl"], matches.Select(m => m.Entry.Name));
        Assert.Equal("1:2.39.2-1.1", matches[0].Installed.Version);
    }

    [Fact]
    public void FindByName_uses_the_list_entry_when_there_is_one()
    {
        var list = ExternalSoftwareList.Empty.Replace([Entry("java", publisher: "Oracle")], DateTimeOffset.UnixEpoch);
        var machine = new Inventory { ExternalSoftware = [new("java", "17.0.2", "OpenJDK")] };

        Assert.Null(ExternalSoftwareMatcher.FindByName(list, "JAVA", machine, VersionRange.Any));
    }

    [Fact]
    public void FindByName_falls_back_to_the_name_when_the_list_lacks_it()
    {
        var machine = new Inventory { ExternalSoftware = [new("java", "17.0.2", "OpenJDK")] };

        Assert.Equal("17.0.2", ExternalSoftwareMatcher.FindByName(ExternalSoftwareList.Empty, "java", machine, VersionRange.Any)?.Version);
        Assert.Null(ExternalSoftwareMatcher.FindByName(ExternalSoftwareList.Empty, "java", machine, VersionRange.Parse("21", null)));
    }
}
