using Catalog.Jobs;
using ClientAgent.Engine;
using ClientAgent.Service;

namespace ClientAgent.Tests.Engine;

public sealed class EngineBuildingBlocksTests : IDisposable
{
    private readonly EngineTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("a=1")]
    [InlineData("; c\r\n[s]\r\nk = v\r\n")]
    [InlineData("[s]\nk=v\n\n\n[t]\n# note\nx=1")]
    public void IniFile_RoundTripsUntouchedText(string text) => Assert.Equal(text, IniFile.Parse(text).ToString());

    [Fact]
    public void IniFile_SetKeepsSpacingAndAddsToTheSectionEnd()
    {
        var ini = IniFile.Parse("[a]\nkey = old ; not a comment\n\n[b]\nz=1\n");

        ini.Set("A", "KEY", "new");
        ini.Set("a", "added", "1");
        ini.Set("c", "k", "v");

        Assert.Equal("[a]\nkey = new\nadded=1\n\n[b]\nz=1\n[c]\nk=v\n", ini.ToString());
        Assert.Equal("new", ini.Get("a", "key"));
        Assert.True(ini.Remove("c", "k"));
        Assert.True(ini.RemoveSectionIfEmpty("c"));
        Assert.False(ini.RemoveSectionIfEmpty("b"));
        Assert.Equal("[a]\nkey = new\nadded=1\n\n[b]\nz=1\n", ini.ToString());
    }

    [Fact]
    public void FinishedJobStore_RemembersJobsAcrossInstances()
    {
        var jobId = Guid.NewGuid();
        var store = new FinishedJobStore(_context.State, TimeProvider.System);
        Assert.False(store.IsFinished(jobId));

        store.MarkFinished(jobId, JobState.RolledBack, "rolled back");
        store.MarkFinished(jobId, JobState.Succeeded, "second call ignored");

        var reloaded = new FinishedJobStore(_context.State, TimeProvider.System);
        Assert.True(reloaded.IsFinished(jobId));
        Assert.Equal(JobState.RolledBack, reloaded.Get(jobId)!.Outcome);
        Assert.False(reloaded.IsFinished(Guid.NewGuid()));
    }

    [Fact]
    public async Task EngineLock_SecondJobWaitsUntilTheFirstReleases()
    {
        var first = await EngineLock.AcquireAsync(_context.State, null, CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EngineLock.AcquireAsync(_context.State, null, cancellation.Token));
        Assert.Null(EngineLock.TryAcquire(_context.State));
        first.Dispose();
        using var second = EngineLock.TryAcquire(_context.State);
        Assert.NotNull(second);
    }

    [Fact]
    public async Task Recovery_FinishesAJobThatCrashedAfterItsCommitLine()
    {
        var jobId = Guid.NewGuid();
        var file = _context.InTree("overwritten.txt");
        File.WriteAllText(file, "new");
        using (var journal = Journal.Begin(_context.State, jobId, JournalOperation.Install, "Editor"))
        {
            var backup = journal.NextBackupPath();
            File.WriteAllText(backup, "old");
            var kept = Path.Combine(new ReceiptStore(_context.State).BackupDirectoryFor("Editor"), Path.GetFileName(backup));
            var receipt = new Receipt { Name = "Editor", Version = "1.0", Files = [new ReceiptFile(file, "x", PreExisted: true, BackupPath: kept)] };
            journal.Append(new JournalEntry { Kind = JournalEntryKind.Commit, Name = "Editor", Receipt = receipt, BackupMoves = [new BackupMove(backup, kept)] });
        }

        var resolved = await new RecoveryService(_context.State).RecoverAsync();

        var recovered = Assert.Single(resolved);
        Assert.Equal("Finished the interrupted Install of Editor (job " + jobId + ")", recovered.Summary);
        Assert.Equal(jobId, recovered.JobId);
        Assert.False(recovered.RolledBack);
        var saved = new ReceiptStore(_context.State).Get("editor");
        Assert.NotNull(saved);
        Assert.Equal("old", File.ReadAllText(saved.Files[0].BackupPath!));
        Assert.Equal("new", File.ReadAllText(file));
        Assert.True(_context.JournalIsEmpty);
    }

    [Fact]
    public async Task Recovery_SkipsJournalsOfAJobThatIsStillRunning()
    {
        using var journal = Journal.Begin(_context.State, Guid.NewGuid(), JournalOperation.Install, "Editor");
        using var running = EngineLock.TryAcquire(_context.State);

        var resolved = await new RecoveryService(_context.State).RecoverAsync();

        Assert.Empty(resolved);
        Assert.True(Directory.Exists(journal.Directory));
    }

    [Fact]
    public async Task EngineAgent_ReportsPortalInstalledApplicationsFromReceipts()
    {
        var applicationId = Guid.NewGuid();
        var result = await new InstallEngine(_context.State).InstallAsync(
            new InstallOptions
            {
                Package = _context.NewPackage().File(_context.InTree("a.txt"), "a").Build(),
                ApplicationId = applicationId,
                MacroOverrides = _context.Overrides,
            },
            new Progress<EngineProgress>(),
            CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);

        var installed = new EngineAgent(_context.State, TimeProvider.System).Installed();

        var application = Assert.Single(installed);
        Assert.Equal(applicationId, application.ApplicationId);
        Assert.Equal("Editor", application.Name);
    }
}
