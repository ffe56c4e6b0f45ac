using Catalog.Agents;
using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Macros;
using Catalog.Packaging;
using ClientAgent.Engine;
using ClientAgent.Service;

namespace ClientAgent.Tests.Engine;

public sealed class EngineAgentTests : IDisposable
{
    private readonly EngineTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private async Task<(JobMessage Job, string Zip, string Sha)> PackageJobAsync(ScriptStage? failingStage = null)
    {
        var builder = _context.NewPackage().File("%*PROGRAMS%/%FOLDER%/bin/tool", "tool");
        var content = builder.Build();
        var zip = Path.Combine(_context.Root, "tool.zip");
        var written = await PackageWriter.WriteAsync(content.Manifest, content, zip, CompressionChoice.Fastest);
        var job = new JobMessage
        {
            JobId = Guid.NewGuid(),
            Kind = JobKind.Install,
            ApplicationId = Guid.NewGuid(),
            ApplicationName = "Editor",
            ApplicationVersion = "1.0",
            PackageSha256 = written.Sha256,
            Macros = [new PromptedStringMacro { Name = "FOLDER", Prompt = "Folder?", Default = "tool" }],
            Answers = new Dictionary<string, string> { ["FOLDER"] = "mytool" },
            Scripts = failingStage is { } stage ? [new ApplicationScript { Stage = stage, Body = "exit 5" }] : [],
        };
        return (job, zip, written.Sha256);
    }

    [Fact]
    public async Task JobInstallThenUninstall_UsesAnswersAndReportsJobStates()
    {
        var (job, zip, _) = await PackageJobAsync();
        var engine = new EngineAgent(_context.State, TimeProvider.System);
        var reports = new List<JobProgress>();
        var progress = new SynchronousJobProgress(reports);

        var installed = await engine.InstallAsync(job, zip, _context.Overrides, progress, CancellationToken.None);

        Assert.Equal(JobState.Succeeded, installed.Outcome);
        Assert.Equal("tool", File.ReadAllText(_context.InTree("programs/mytool/bin/tool")));
        Assert.Contains(reports, r => r.Phase == JobPhase.Installing && r.Percent == 100);
        Assert.Equal(job.ApplicationId, Assert.Single(engine.Installed()).ApplicationId);

        var removed = await engine.UninstallAsync(job with { JobId = Guid.NewGuid(), Kind = JobKind.Uninstall }, _context.Overrides, progress, CancellationToken.None);

        Assert.Equal(JobState.Succeeded, removed.Outcome);
        Assert.False(Directory.Exists(_context.InTree("programs")));
        Assert.Empty(engine.Installed());
    }

    [Fact]
    public async Task FailingPortalScript_IsReportedAsRolledBack()
    {
        var (job, zip, _) = await PackageJobAsync(ScriptStage.PostInstall);
        var engine = new EngineAgent(_context.State, TimeProvider.System);

        var result = await engine.InstallAsync(job, zip, _context.Overrides, new SynchronousJobProgress([]), CancellationToken.None);
        engine.MarkFinished(job.JobId, result);

        Assert.Equal(JobState.RolledBack, result.Outcome);
        Assert.Contains("exited with code 5", result.Message);
        Assert.Equal(result, new EngineAgent(_context.State, TimeProvider.System).Finished(job.JobId));
        Assert.False(Directory.Exists(_context.InTree("programs")));
    }

    [Fact]
    public async Task ExpectedSha256Mismatch_IsRefusedBeforeAnyChange()
    {
        var (_, zip, sha) = await PackageJobAsync();
        using var archive = PackageReader.Open(zip);

        var result = await new InstallEngine(_context.State).InstallAsync(
            new InstallOptions { Package = archive, ExpectedSha256 = new string('0', 64), MacroOverrides = _context.Overrides },
            new Progress<EngineProgress>(),
            CancellationToken.None);

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Contains($"has SHA-256 {sha}", result.Message);
        Assert.False(Directory.Exists(_context.InTree("programs")));
    }

    private sealed class SynchronousJobProgress(List<JobProgress> sink) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => sink.Add(value);
    }
}
