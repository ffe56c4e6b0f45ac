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
    [InlineData("/x/app/cache/a.bin", "**/cache/**")]
    [InlineData("/x/app/.cache/a.bin", "**/.cache/**")]
    [InlineData("/x/Logs/today", "**/Logs/**")]
    [InlineData("/x/run/app.pid", "*.pid")]
    [InlineData("/x/db.lock", "*.lock")]
    [InlineData("/x/trace.log", "*.log")]
    [InlineData("/x/tmp/a", "**/tmp/**")]
    [InlineData("/x/app/bin/app", null)]
    [InlineData("/x/logbook.txt", null)]
    public void Noise_suggestions(string path, string? glob) => Assert.Equal(glob, NoiseDetector.SuggestExclude(path));
}
