using System.Diagnostics;
using Catalog.Applications;
using ClientAgent.Engine;

namespace ClientAgent.Tests.Engine;

/// <summary>The real agent process is killed mid-install; recovery at the next start puts the tree back.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly EngineTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task KilledMidInstall_IsRolledBackByStatusAtNextStart()
    {
        var before = await InstallAndKillAsync();

        var (exitCode, output, error) = await AgentProcess.RunAsync("status", "--state-dir", _context.State.Root);

        Assert.True(exitCode == 0, error);
        Assert.Contains("Rolled back the interrupted Install of Editor", output);
        Assert.Contains("No applications installed.", output);
        Assert.Equal(before, TreeSnapshot.Take(_context.Tree));
        Assert.True(_context.JournalIsEmpty);
    }

    [Fact]
    public async Task AnyCommandWithTheStateDirectory_RecoversAtStart()
    {
        var before = await InstallAndKillAsync();

        var (exitCode, _, error) = await AgentProcess.RunAsync("uninstall", "Nothing", "--state-dir", _context.State.Root);

        Assert.Equal(1, exitCode);
        Assert.Contains("Rolled back the interrupted Install of Editor", error);
        Assert.Contains("Nothing is not installed on this machine.", error);
        Assert.Equal(before, TreeSnapshot.Take(_context.Tree));
        Assert.True(_context.JournalIsEmpty);
    }

    [Fact]
    public async Task CrashDuringRollback_IsResumedByRecovery()
    {
        var before = await InstallAndKillAsync();
        var journalDirectory = Directory.EnumerateDirectories(_context.State.Journal).Single();
        var entries = Journal.Read(journalDirectory);

        JournalRollback.Undo(entries, progress: null, maximumSteps: entries.Count / 2);
        Assert.NotEqual(before, TreeSnapshot.Take(_context.Tree));
        var resolved = await new RecoveryService(_context.State).RecoverAsync();

        Assert.Single(resolved);
        Assert.Equal(before, TreeSnapshot.Take(_context.Tree));
        Assert.True(_context.JournalIsEmpty);
        Assert.Null(new ReceiptStore(_context.State).Get("Editor"));
    }

    /// <summary>Starts an install in a child process, kills it while the post-install script sleeps; returns the tree before.</summary>
    private async Task<IReadOnlyList<string>> InstallAndKillAsync()
    {
        File.WriteAllText(_context.InTree("shared.conf"), "original");
        File.WriteAllText(_context.InTree("app.ini"), "[main]\ncolor=red\n");
        Directory.CreateDirectory(_context.InTree("old"));
        File.WriteAllText(_context.InTree("old/old.txt"), "old");
        var marker = Path.Combine(_context.Root, "post-install-started");
        var builder = _context.NewPackage()
            .File(_context.InTree("shared.conf"), "replaced")
            .Setting(_context.InTree("app.ini"), "main", "color", "blue")
            .With(m => m with { Deletions = [_context.InTree("old")] })
            .Script(ScriptStage.PostInstall, $"touch {marker}\nsleep 60\n", timeoutSeconds: 120);
        var random = new Random(7);
        for (var i = 0; i < 60; i++)
        {
            var content = new byte[64 * 1024 + i];
            random.NextBytes(content);
            builder.File($"%*PROGRAMS%/editor/d{i % 6}/file{i}.bin", content);
        }

        builder.Build();
        var packageDirectory = Directory.EnumerateDirectories(Path.Combine(_context.Root, "packages")).Single();
        var before = TreeSnapshot.Take(_context.Tree);
        using var agent = AgentProcess.Start(
            "install", packageDirectory, "--state-dir", _context.State.Root,
            "--macro", $"*PROGRAMS={_context.Overrides["*PROGRAMS"]}");
        var errors = new System.Text.StringBuilder();
        agent.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        agent.OutputDataReceived += (_, _) => { };
        agent.BeginErrorReadLine();
        agent.BeginOutputReadLine();
        var stopwatch = Stopwatch.StartNew();
        while (!File.Exists(marker))
        {
            if (agent.HasExited)
            {
                await agent.WaitForExitAsync();
                Assert.Fail($"The agent exited early: {errors}");
            }

            Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(2), "The post-install script never started.");
            await Task.Delay(25);
        }

        agent.Kill(entireProcessTree: true);
        await agent.WaitForExitAsync();
        Assert.False(_context.JournalIsEmpty);
        Assert.Equal("replaced", File.ReadAllText(_context.InTree("shared.conf")));
        return before;
    }
}
