using Catalog.Versioning;

namespace Catalog.Tests.Versioning;

public sealed class PackageNameRulesTests
{
    [Theory]
    [InlineData("Editor")]
    [InlineData("7-Zip")]
    [InlineData("Notepad++")]
    [InlineData("LibreOffice 24.2")]
    [InlineData("my_tool.cli")]
    [InlineData("Éditeur")]
    public void ValidateName_accepts_reasonable_names(string name)
    {
        Assert.Null(PackageNameRules.ValidateName(name));
    }

    [Fact]
    public void ValidateName_accepts_exactly_100_characters()
    {
        Assert.Null(PackageNameRules.ValidateName(new string('a', 100)));
    }

    [Theory]
    [InlineData(null, "A name is required")]
    [InlineData("", "A name is required")]
    [InlineData("  ", "A name is required")]
    [InlineData("-tool", "The name '-tool' must start with a letter or digit")]
    [InlineData(" tool", "The name ' tool' must start with a letter or digit")]
    [InlineData(".hidden", "The name '.hidden' must start with a letter or digit")]
    [InlineData("a/b", "The name 'a/b' contains '/', which is not allowed (no path characters)")]
    [InlineData("a\\b", "The name 'a\\b' contains '\\', which is not allowed (no path characters)")]
    [InlineData("C:tool", "The name 'C:tool' contains ':', which is not allowed (no path characters)")]
    [InlineData("what?", "The name 'what?' contains '?', which is not allowed (no path characters)")]
    [InlineData("a*", "The name 'a*' contains '*', which is not allowed (no path characters)")]
    [InlineData("a|b", "The name 'a|b' contains '|', which is not allowed (no path characters)")]
    [InlineData("a#b", "The name 'a#b' contains '#', which is not allowed; use letters, digits, spaces and . - _ +")]
    [InlineData("a\tb", "The name 'a\tb' contains a control character (U+0009), which is not allowed")]
    [InlineData("tool.", "The name 'tool.' must not end with a space or '.'")]
    [InlineData("tool ", "The name 'tool ' must not end with a space or '.'")]
    public void ValidateName_names_the_fault(string? name, string message)
    {
        Assert.Equal(message, PackageNameRules.ValidateName(name));
    }

    [Fact]
    public void ValidateName_refuses_more_than_100_characters()
    {
        Assert.Equal("The name is 101 characters; the maximum is 100", PackageNameRules.ValidateName(new string('a', 101)));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2024.11.21")]
    [InlineData("1.0.0-beta.2+build.7")]
    public void ValidateVersion_accepts_dotted_versions(string version)
    {
        Assert.Null(PackageNameRules.ValidateVersion(version));
    }

    [Theory]
    [InlineData(null, "A version is required")]
    [InlineData("", "A version is required")]
    [InlineData(" 1.0", "The version ' 1.0' must not start or end with a space")]
    [InlineData("1..2", "'1..2' is not a valid version: empty part at position 2")]
    [InlineData("one", "'one' is not a valid version: part 1 ('one') is not a number")]
    public void ValidateVersion_names_the_fault(string? version, string message)
    {
        Assert.Equal(message, PackageNameRules.ValidateVersion(version));
    }

    [Fact]
    public void ValidateVersion_refuses_more_than_50_characters()
    {
        var version = string.Join('.', Enumerable.Repeat("1", 26));

        Assert.Equal("The version is 51 characters; the maximum is 50", PackageNameRules.ValidateVersion(version));
    }
}
