using Catalog.Versioning;

namespace Catalog.Tests.Versioning;

public sealed class DottedVersionTests
{
    [Theory]
    [InlineData("1.2.10", "1.2.9")]
    [InlineData("2", "1.99.99")]
    [InlineData("1.0.0.1", "1.0.0")]
    [InlineData("10.0", "9.10")]
    [InlineData("1.0.0", "1.0.0-rc.1")]
    [InlineData("1.0.0-rc.1", "1.0.0-beta.10")]
    [InlineData("1.0.0-beta.10", "1.0.0-beta.2")]
    [InlineData("1.0.0-beta.2", "1.0.0-beta")]
    [InlineData("1.0.0-beta", "1.0.0-alpha.1")]
    [InlineData("1.0.0-alpha.beta", "1.0.0-alpha.1")]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha")]
    [InlineData("1.0.0-2", "1.0.0-1")]
    [InlineData("1.0.0-1a", "1.0.0-999")]
    [InlineData("1.0.0-beta.100000000000000000000", "1.0.0-beta.99999999999999999999")]
    public void Greater_version_compares_above_smaller(string greater, string smaller)
    {
        var high = DottedVersion.Parse(greater);
        var low = DottedVersion.Parse(smaller);

        Assert.True(high > low);
        Assert.True(low < high);
        Assert.True(high.CompareTo(low) > 0);
        Assert.True(low.CompareTo(high) < 0);
        Assert.NotEqual(high, low);
    }

    [Theory]
    [InlineData("1.2", "1.2.0")]
    [InlineData("1", "1.0.0.0")]
    [InlineData("1.0.0+build.5", "1.0.0+other")]
    [InlineData("1.0.0-rc.1+a", "1.0-rc.1")]
    [InlineData(" 1.2 ", "1.2")]
    [InlineData("01.2", "1.2")]
    public void Equivalent_versions_are_equal_with_equal_hash_codes(string left, string right)
    {
        var a = DottedVersion.Parse(left);
        var b = DottedVersion.Parse(right);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.True(a <= b && a >= b);
        Assert.Equal(0, a.CompareTo(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Semver_precedence_example_sorts_in_order()
    {
        string[] expected =
            ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.10", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.9", "1.2.10"];
        var shuffled = expected.Reverse().Select(DottedVersion.Parse).ToList();

        shuffled.Sort();

        Assert.Equal(expected, shuffled.Select(v => v.ToString()));
    }

    [Fact]
    public void Parse_exposes_parts_pre_release_and_build_metadata()
    {
        var version = DottedVersion.Parse("4.10.0-beta.2+sha.5114f85");

        Assert.Equal([4L, 10L, 0L], version.Parts);
        Assert.Equal(["beta", "2"], version.PreRelease);
        Assert.Equal("sha.5114f85", version.BuildMetadata);
        Assert.True(version.IsPreRelease);
        Assert.Equal("4.10.0-beta.2+sha.5114f85", version.ToString());
    }

    [Fact]
    public void A_release_has_no_pre_release_identifiers()
    {
        var version = DottedVersion.Parse("3.1");

        Assert.False(version.IsPreRelease);
        Assert.Empty(version.PreRelease);
        Assert.Null(version.BuildMetadata);
    }

    [Theory]
    [InlineData("1..2", "'1..2' is not a valid version: empty part at position 2")]
    [InlineData(".1", "'.1' is not a valid version: empty part at position 1")]
    [InlineData("1.2.", "'1.2.' is not a valid version: empty part at position 3")]
    [InlineData("", "'' is not a valid version: it is empty")]
    [InlineData("   ", "'   ' is not a valid version: it is empty")]
    [InlineData("1.a.2", "'1.a.2' is not a valid version: part 2 ('a') is not a number")]
    [InlineData("v1.2", "'v1.2' is not a valid version: part 1 ('v1') is not a number")]
    [InlineData("1.2 beta", "'1.2 beta' is not a valid version: part 2 ('2 beta') is not a number")]
    [InlineData("99999999999999999999.1", "'99999999999999999999.1' is not a valid version: part 1 ('99999999999999999999') is too large")]
    [InlineData("1.0-", "'1.0-' is not a valid version: pre-release tag is empty")]
    [InlineData("1.0-beta..1", "'1.0-beta..1' is not a valid version: pre-release tag has an empty identifier at position 2")]
    [InlineData("1.0-beta_1", "'1.0-beta_1' is not a valid version: pre-release tag contains '_'; only letters, digits, '-' and '.' are allowed")]
    [InlineData("1.0+", "'1.0+' is not a valid version: build metadata is empty")]
    [InlineData("1.0+a+b", "'1.0+a+b' is not a valid version: build metadata contains '+'; only letters, digits, '-' and '.' are allowed")]
    [InlineData("-beta", "'-beta' is not a valid version: empty part at position 1")]
    public void Parse_rejects_bad_input_with_a_clear_message(string text, string message)
    {
        var exception = Assert.Throws<FormatException>(() => DottedVersion.Parse(text));

        Assert.Equal(message, exception.Message);
        Assert.False(DottedVersion.TryParse(text, out var version, out var error));
        Assert.Null(version);
        Assert.Equal(message, error);
    }

    [Fact]
    public void Parse_of_null_says_it_is_empty()
    {
        var exception = Assert.Throws<FormatException>(() => DottedVersion.Parse(null));

        Assert.Equal("'' is not a valid version: it is empty", exception.Message);
        Assert.False(DottedVersion.TryParse(null, out _));
    }

    [Fact]
    public void TryParse_succeeds_for_valid_text()
    {
        Assert.True(DottedVersion.TryParse("2.0.1", out var version));
        Assert.Equal([2L, 0L, 1L], version.Parts);
    }

    [Theory]
    [InlineData("10.0.19041.1 (WinBuild.160101.0800)", "10.0.19041.1")]
    [InlineData("v2.1", "2.1")]
    [InlineData("  12  ", "12")]
    [InlineData("22.04", "22.04")]
    public void TryParseReported_reads_the_leading_version(string reported, string expected)
    {
        Assert.True(DottedVersion.TryParseReported(reported, out var version));
        Assert.Equal(DottedVersion.Parse(expected), version);
    }

    [Theory]
    [InlineData("rolling")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("v")]
    public void TryParseReported_fails_for_text_without_a_version(string? reported)
    {
        Assert.False(DottedVersion.TryParseReported(reported, out var version));
        Assert.Null(version);
    }

    [Fact]
    public void Null_compares_below_any_version()
    {
        var version = DottedVersion.Parse("0");

        Assert.True(version > null);
        Assert.True(null < version);
        Assert.False(version == null);
        Assert.True(version != null);
        Assert.Equal(1, version.CompareTo(null));
    }

    [Fact]
    public void Non_generic_CompareTo_refuses_other_types()
    {
        IComparable version = DottedVersion.Parse("1.0");

        var exception = Assert.Throws<ArgumentException>(() => version.CompareTo("1.0"));

        Assert.StartsWith("Cannot compare a version with String.", exception.Message);
        Assert.Equal(0, version.CompareTo(DottedVersion.Parse("1")));
    }

    [Fact]
    public void Versions_work_as_hash_set_keys_regardless_of_trailing_zeros()
    {
        var set = new HashSet<DottedVersion> { DottedVersion.Parse("1.2"), DottedVersion.Parse("1.2.0"), DottedVersion.Parse("1.2.0-rc.1") };

        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Works_through_the_generic_parsable_interface()
    {
        Assert.Equal(DottedVersion.Parse("2.5"), ParseWith<DottedVersion>("2.5"));
        Assert.False(TryParseWith<DottedVersion>("2..5"));
    }

    private static T ParseWith<T>(string text) where T : IParsable<T> => T.Parse(text, null);

    private static bool TryParseWith<T>(string text) where T : IParsable<T> => T.TryParse(text, null, out _);
}
