namespace ClientAgent.Tests.Cli;

public sealed class RunCommandEnrollmentTests : IDisposable
{
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("agent-run-enroll-").FullName;

    [Fact]
    public async Task Run_with_a_portal_but_no_token_refuses_and_writes_no_credential()
    {
        var run = await CliRun.RunAsync("run", "--state-dir", _stateDirectory, "--portal", "http://127.0.0.1:9");

        Assert.Equal(1, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(_stateDirectory, "agent.json")));
    }

    [Fact]
    public async Task Run_with_a_bad_portal_address_refuses_before_contacting_anything()
    {
        var tokenFile = Path.Combine(_stateDirectory, "token.txt");
        await File.WriteAllTextAsync(tokenFile, "abc\n");

        var run = await CliRun.RunAsync("run", "--state-dir", _stateDirectory, "--portal", "ftp://portal", "--token-file", tokenFile);

        Assert.Equal(1, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(_stateDirectory, "agent.json")));
    }

    [Fact]
    public async Task Run_without_enrollment_or_portal_names_the_missing_credential()
    {
        var run = await CliRun.RunAsync("run", "--state-dir", _stateDirectory);

        Assert.Equal(1, run.ExitCode);
    }

    public void Dispose() => Directory.Delete(_stateDirectory, recursive: true);
}
