using Catalog.Agents;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Packaging;
using ClientAgent.Platform;
using ClientAgent.Service;

namespace ClientAgent.Engine;

/// <summary>
/// The engine as the agent service drives it: jobs from the portal become <see cref="InstallEngine"/> and
/// <see cref="UninstallEngine"/> runs; receipts answer what is installed; finished jobs are remembered.
/// </summary>
public sealed class AgentEngine(AgentStateDirectory state, TimeProvider timeProvider, IProcessTerminator processTerminator) : IAgentEngine
{
    private readonly FinishedJobStore _finished = new(state, timeProvider);

    public AgentEngine(AgentStateDirectory state, TimeProvider timeProvider)
        : this(state, timeProvider, new LinuxProcessTerminator())
    {
    }

    public Task<IReadOnlyList<string>> RecoverAsync(CancellationToken cancellationToken) =>
        new RecoveryService(state).RecoverAsync(cancellationToken);

    public async Task<AgentJobResult> InstallAsync(JobMessage job, string packagePath, IReadOnlyDictionary<string, string> macroOverrides,
        IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        PackageArchive archive;
        try
        {
            archive = PackageReader.Open(packagePath, new PackagePlatform(HostPlatform.CurrentOsFamily, ""));
        }
        catch (PackageFormatException exception)
        {
            return new AgentJobResult(JobState.Failed, exception.Message);
        }

        using (archive)
        {
            var options = new InstallOptions
            {
                JobId = job.JobId,
                Package = archive,
                Macros = job.Macros,
                Answers = job.Answers,
                MacroOverrides = macroOverrides,
                ExtraScripts = job.Scripts,
                Policy = job.UninstallPolicy,
                ApplicationId = job.ApplicationId,
            };
            var result = await new InstallEngine(state).InstallAsync(options, Adapt(progress), cancellationToken);
            return ToJobResult(result, cancellationToken);
        }
    }

    public async Task<AgentJobResult> UninstallAsync(JobMessage job, IReadOnlyDictionary<string, string> macroOverrides,
        IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        var receipts = new ReceiptStore(state);
        var key = receipts.Get(job.ApplicationId.ToString()) is not null ? job.ApplicationId.ToString() : job.ApplicationName;
        var result = await new UninstallEngine(state, processTerminator).UninstallAsync(
            key, job.UninstallPolicy, job.Scripts, Adapt(progress), cancellationToken, macroOverrides, job.JobId, job.ProcessNames);
        return ToJobResult(result, cancellationToken);
    }

    public IReadOnlyList<InstalledApplication> Installed() =>
        new ReceiptStore(state).List()
            .Where(r => r.ApplicationId is not null)
            .Select(r => new InstalledApplication(r.ApplicationId!.Value, r.Name, r.Version, r.InstalledAt))
            .ToList();

    public IReadOnlyDictionary<string, string> SpecialMacros(IReadOnlyDictionary<string, string> overrides) =>
        EngineMacros.Special(state, overrides);

    public AgentJobResult? Finished(Guid jobId) =>
        _finished.Get(jobId) is { } done ? new AgentJobResult(done.Outcome, done.Message) : null;

    public void MarkFinished(Guid jobId, AgentJobResult result) => _finished.MarkFinished(jobId, result.Outcome, result.Message);

    private static AgentJobResult ToJobResult(EngineResult result, CancellationToken cancellationToken) => result.Outcome switch
    {
        EngineOutcome.Succeeded => new AgentJobResult(JobState.Succeeded, result.Message),
        EngineOutcome.RolledBack when cancellationToken.IsCancellationRequested => new AgentJobResult(JobState.Cancelled, result.Message),
        EngineOutcome.RolledBack => new AgentJobResult(JobState.RolledBack, result.Message),
        _ => new AgentJobResult(JobState.Failed, result.Message),
    };

    private static IProgress<EngineProgress> Adapt(IProgress<JobProgress> progress) =>
        new ForwardingProgress(progress);

    private sealed class ForwardingProgress(IProgress<JobProgress> target) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value) =>
            target.Report(new JobProgress(value.Phase, value.Percent, value.Message, value.Level, value.Event));
    }
}
