using ClientAgent.Capture;

namespace ClientAgent.Tests.Capture;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("*.log", "/var/app/x.log", true)]
    [InlineData("*.log", "/var/app/x.log.1", false)]
    [InlineData("**/cache/**", "/home/u/.app/cache/a/b", true)]
    [InlineData("**/cache/**", "/home/u/.app/cache", true)]
    [InlineData("**/cache/**", "/home/u/.app/cached/a", false)]
    [InlineData("/opt/app/*.tmp", "/opt/app/x.tmp", true)]
    [InlineData("/opt/app/*.tmp", "/srv/opt/app/x.tmp", false)]
    [InlineData("/opt/app/*.tmp", "/opt/app/sub/x.tmp", false)]
    [InlineData("data?.bin", "/x/data1.bin", true)]
    [InlineData("data?.bin", "/x/data12.bin", false)]
    [InlineData("node_modules", "/x/node_modules/a/b.js", true)]
    [InlineData("a.b", "/x/aXb", false)]
    public void Globs_match_as_documented(string pattern, string path, bool matches) =>
        Assert.Equal(matches, new GlobPattern(pattern).Matches(path));

    [Theory]
    [InlineData("/x", "/x/app/cache/a.bin", "/x/app/cache")]
    [InlineData("/x", "/x/app/.cache/a.bin", "/x/app/.cache")]
    [InlineData("/x", "/x/Logs/today", "/x/Logs")]
    [InlineData("/x", "/x/run/app.pid", "/x/**/*.pid")]
    [InlineData("/x", "/x/db.lock", "/x/**/*.lock")]
    [InlineData("/", "/var/trace.log", "/**/*.log")]
    [InlineData("/x", "/x/tmp/a", "/x/tmp")]
    [InlineData("/tmp/capture", "/tmp/capture/app/a.txt", null)]
    [InlineData("/tmp/capture", "/tmp/capture/tmp/a.txt", "/tmp/capture/tmp")]
    [InlineData("/tmp/cache", "/tmp/cache/cache", "/tmp/cache/cache")]
    [InlineData("/x", "/x/app/bin/app", null)]
    [InlineData("/x", "/x/logbook.txt", null)]
    public void Noise_suggestions_are_anchored_below_the_root(string root, string path, string? glob) =>
        Assert.Equal(glob, NoiseDetector.SuggestExclude(root, path));

    [Fact]
    public void A_suggested_exclude_never_excludes_the_root_under_tmp()
    {
        const string root = "/tmp/capture-root";
        var glob = NoiseDetector.SuggestExclude(root, root + "/tmp/cache/x.log");

        Assert.NotNull(glob);
        var rules = new ExcludeRules([glob]);
        Assert.False(rules.IsExcluded(root));
        Assert.False(rules.IsExcluded(root + "/app/bin/app"));
        Assert.True(rules.IsExcluded(root + "/tmp/cache/x.log"));
    }
}
