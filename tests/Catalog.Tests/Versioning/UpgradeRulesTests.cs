using Catalog.Versioning;

namespace Catalog.Tests.Versioning;

public sealed class UpgradeRulesTests
{
    [Theory]
    [InlineData("1.0", "2.0", VersionChange.Upgrade)]
    [InlineData("1.9", "1.10", VersionChange.Upgrade)]
    [InlineData("2.0.0-rc.1", "2.0.0", VersionChange.Upgrade)]
    [InlineData("v1.4 (build 7)", "1.5", VersionChange.Upgrade)]
    [InlineData("2.0", "2.0.0", VersionChange.Reinstall)]
    [InlineData("2.0+build.5", "2.0", VersionChange.Reinstall)]
    public void Higher_or_equal_versions_are_allowed(string installed, string offered, VersionChange expected)
    {
        var decision = UpgradeRules.Decide("Editor", installed, offered, allowDowngrade: false);

        Assert.True(decision.IsAllowed, decision.Refusal);
        Assert.Equal(expected, decision.Change);
    }

    [Theory]
    [InlineData("2.0", "1.9")]
    [InlineData("1.10", "1.9")]
    [InlineData("2.0.0", "2.0.0-rc.1")]
    public void A_lower_version_is_refused_in_plain_words_unless_allowed(string installed, string offered)
    {
        var refused = UpgradeRules.Decide("Editor", installed, offered, allowDowngrade: false);
        var allowed = UpgradeRules.Decide("Editor", installed, offered, allowDowngrade: true);

        Assert.False(refused.IsAllowed);
        Assert.Equal(VersionChange.Downgrade, refused.Change);
        Assert.Equal(
            $"Editor {installed} is installed, which is newer than {offered}; the administrator does not allow going back to an older version.",
            refused.Refusal);
        Assert.True(allowed.IsAllowed);
        Assert.Equal(VersionChange.Downgrade, allowed.Change);
    }

    [Theory]
    [InlineData("nightly", "2.0", "the installed version 'nightly' is not a version number")]
    [InlineData("1.0", "two", "the offered version 'two' is not a valid version")]
    public void Versions_that_cannot_be_compared_are_refused(string installed, string offered, string expected)
    {
        var decision = UpgradeRules.Decide("Editor", installed, offered, allowDowngrade: true);

        Assert.False(decision.IsAllowed);
        Assert.Contains(expected, decision.Refusal, StringComparison.Ordinal);
    }
}
