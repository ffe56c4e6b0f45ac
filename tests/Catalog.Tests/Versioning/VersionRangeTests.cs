using Catalog.Versioning;

namespace Catalog.Tests.Versioning;

public sealed class VersionRangeTests
{
    [Theory]
    [InlineData("1.0", "2.0", "1.0", true)]
    [InlineData("1.0", "2.0", "2.0", true)]
    [InlineData("1.0", "2.0", "2.0.0", true)]
    [InlineData("1.0", "2.0", "1.5.3", true)]
    [InlineData("1.0", "2.0", "0.9", false)]
    [InlineData("1.0", "2.0", "2.0.1", false)]
    [InlineData("1.0", "2.0", "1.0.0-rc.1", false)]
    [InlineData("1.0", "2.0", "2.0.0-rc.1", true)]
    [InlineData("1.0", null, "99", true)]
    [InlineData("1.0", null, "0.99", false)]
    [InlineData(null, "2.0", "0.1", true)]
    [InlineData(null, "2.0", "2.1", false)]
    [InlineData(null, null, "5", true)]
    [InlineData("", "  ", "5", true)]
    public void Contains_is_inclusive_at_both_ends(string? min, string? max, string version, bool expected)
    {
        var range = VersionRange.Parse(min, max);

        Assert.Equal(expected, range.Contains(DottedVersion.Parse(version)));
    }

    [Theory]
    [InlineData("1.0", "2.0", "1.0 to 2.0")]
    [InlineData("1.0", null, "1.0 or later")]
    [InlineData(null, "2.0", "2.0 or earlier")]
    [InlineData(null, null, "any version")]
    [InlineData("3.1", "3.1", "3.1")]
    public void ToString_describes_the_range(string? min, string? max, string expected)
    {
        Assert.Equal(expected, VersionRange.Parse(min, max).ToString());
    }

    [Theory]
    [InlineData("1..0", null, "Minimum version '1..0' is not a valid version: empty part at position 2")]
    [InlineData(null, "x", "Maximum version 'x' is not a valid version: part 1 ('x') is not a number")]
    [InlineData("2.0", "1.0", "Minimum version 2.0 is above maximum version 1.0")]
    public void Parse_rejects_bad_bounds(string? min, string? max, string message)
    {
        var exception = Assert.Throws<FormatException>(() => VersionRange.Parse(min, max));

        Assert.Equal(message, exception.Message);
        Assert.False(VersionRange.TryParse(min, max, out var range, out var error));
        Assert.Null(range);
        Assert.Equal(message, error);
    }

    [Fact]
    public void Blank_bounds_give_the_shared_any_range()
    {
        var range = VersionRange.Parse(null, "");

        Assert.Same(VersionRange.Any, range);
        Assert.True(range.IsAny);
        Assert.False(VersionRange.Parse("1", null).IsAny);
    }
}
