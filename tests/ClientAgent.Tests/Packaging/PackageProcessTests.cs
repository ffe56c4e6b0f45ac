using System.Diagnostics;

namespace ClientAgent.Tests.Packaging;

public sealed class PackageProcessTests
{
    [Fact]
    public async Task The_built_agent_exits_non_zero_with_one_stderr_line_for_a_bad_package()
    {
        using var dir = new TempDirectory();
        dir.Write("bad.pkg", "not a zip");
        var agent = Path.Combine(AppContext.BaseDirectory, "clientagent.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { agent, "package", "verify", dir["bad.pkg"], "--state-dir", dir["state"] })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"error: '{dir["bad.pkg"]}' is not a package file", line);
    }
}
