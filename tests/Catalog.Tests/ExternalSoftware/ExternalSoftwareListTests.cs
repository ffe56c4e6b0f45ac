using Catalog.ExternalSoftware;

namespace Catalog.Tests.ExternalSoftware;

public sealed class ExternalSoftwareListTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Tuesday = Monday.AddDays(1);

    [Fact]
    public void Publish_adds_entries_and_raises_the_revision()
    {
        var list = ExternalSoftwareList.Empty.Publish([new() { Name = "git" }], Monday);

        Assert.Equal(1, list.Revision);
        Assert.Equal(Monday, list.PublishedAt);
        Assert.Equal("git", Assert.Single(list.Entries).Name);
    }

    [Fact]
    public void Publish_updates_entries_by_name_ignoring_case_and_keeps_the_others()
    {
        var list = ExternalSoftwareList.Empty.Publish([new() { Name = "git" }, new() { Name = "curl", Notes = "old" }], Monday);

        var next = list.Publish([new() { Name = "CURL", Notes = "new" }, new() { Name = "zsh" }], Tuesday);

        Assert.Equal(2, next.Revision);
        Assert.Equal(Tuesday, next.PublishedAt);
        Assert.Equal(["git", "CURL", "zsh"], next.Entries.Select(e => e.Name));
        Assert.Equal("new", next.Entries[1].Notes);
        Assert.Equal(2, list.Entries.Count);
    }

    [Fact]
    public void Replace_swaps_the_whole_list_and_raises_the_revision()
    {
        var list = ExternalSoftwareList.Empty.Publish([new() { Name = "git" }, new() { Name = "curl" }], Monday);

        var next = list.Replace([new() { Name = " zsh " }], Tuesday);

        Assert.Equal(2, next.Revision);
        Assert.Equal("zsh", Assert.Single(next.Entries).Name);
    }

    [Fact]
    public void Replace_with_nothing_empties_the_list()
    {
        var list = ExternalSoftwareList.Empty.Publish([new() { Name = "git" }], Monday).Replace([], Tuesday);

        Assert.Empty(list.Entries);
        Assert.Equal(2, list.Revision);
    }

    [Fact]
    public void Repeated_names_are_refused()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            ExternalSoftwareList.Empty.Replace([new() { Name = "git" }, new() { Name = "GIT" }], Monday));

        Assert.StartsWith("External software 'GIT' is listed twice.", exception.Message);
    }

    [Fact]
    public void Blank_names_are_refused()
    {
        var exception = Assert.Throws<ArgumentException>(() => ExternalSoftwareList.Empty.Publish([new() { Name = " " }], Monday));

        Assert.StartsWith("An external software entry needs a name.", exception.Message);
    }

    [Fact]
    public void Bad_version_ranges_are_refused()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            ExternalSoftwareList.Empty.Publish([new() { Name = "git", MinVersion = "3", MaxVersion = "2" }], Monday));

        Assert.StartsWith("External software 'git': Minimum version 3 is above maximum version 2.", exception.Message);
    }

    [Fact]
    public void Find_looks_up_by_name_ignoring_case()
    {
        var list = ExternalSoftwareList.Empty.Publish([new() { Name = "LibreOffice" }], Monday);

        Assert.NotNull(list.Find("libreoffice"));
        Assert.Null(list.Find("office"));
    }
}
