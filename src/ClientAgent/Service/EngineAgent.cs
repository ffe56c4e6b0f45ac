using Catalog.Agents;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Packaging;
using ClientAgent.Engine;

namespace ClientAgent.Service;

/// <summary>The agent service's view of the install engine (<see cref="InstallEngine"/>, <see cref="UninstallEngine"/> and their stores).</summary>
public sealed class EngineAgent(AgentStateDirectory state, TimeProvider time) : IAgentEngine
{
    private readonly FinishedJobStore _finished = new(state, time);
    private readonly ReceiptStore _receipts = new(state);

    public Task<IReadOnlyList<RecoveredJob>> RecoverAsync(CancellationToken cancellationToken) =>
        new RecoveryService(state).RecoverAsync(cancellationToken);

    public async Task<AgentJobResult> InstallAsync(JobMessage job, string packagePath, IReadOnlyDictionary<string, string> macroOverrides,
        IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        PackageArchive package;
        try
        {
            package = PackageReader.Open(packagePath);
        }
        catch (PackageFormatException ex)
        {
            return new AgentJobResult(JobState.Failed, $"The package of {job.ApplicationName} {job.ApplicationVersion} is unusable: {ex.Message}");
        }

        using (package)
        {
            var options = new InstallOptions
            {
                JobId = job.JobId,
                Package = package,
                Macros = job.Macros,
                Answers = job.Answers,
                MacroOverrides = macroOverrides,
                ExtraScripts = job.Scripts,
                Policy = job.UninstallPolicy,
                ApplicationId = job.ApplicationId,
            };
            if (job.Kind == JobKind.Upgrade)
            {
                return ToResult(await UpgradeAsync(job, options, progress, cancellationToken));
            }

            var result = await new InstallEngine(state, time, new Platform.DesktopEntryShortcutWriter()).InstallAsync(
                options, Forward(progress), cancellationToken);
            return ToResult(result);
        }
    }

    /// <summary>An upgrade job: the engine re-checks the receipt, version order and platform against what the job names.</summary>
    private Task<EngineResult> UpgradeAsync(JobMessage job, InstallOptions options, IProgress<JobProgress> progress, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(job.UpgradeFrom)
            ? Task.FromResult(new EngineResult(EngineOutcome.Failed,
                $"The update of {job.ApplicationName} does not say which installed version it replaces; nothing was changed."))
            : new UpgradeEngine(state, time, new Platform.DesktopEntryShortcutWriter()).UpgradeAsync(
                new UpgradeOptions
                {
                    Install = options,
                    FromVersion = job.UpgradeFrom,
                    ToVersion = job.ApplicationVersion,
                    AllowDowngrade = job.AllowDowngrade,
                    FromApplicationId = job.UpgradeFromApplicationId,
                },
                Forward(progress),
                cancellationToken);

    public async Task<AgentJobResult> UninstallAsync(JobMessage job, IReadOnlyDictionary<string, string> macroOverrides,
        IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        var target = _receipts.Get(job.ApplicationId.ToString("D")) is not null ? job.ApplicationId.ToString("D") : job.ApplicationName;
        var result = await new UninstallEngine(state).UninstallAsync(
            target, job.UninstallPolicy, job.Scripts, Forward(progress), cancellationToken, macroOverrides, job.JobId, job.ProcessNames);
        return ToResult(result);
    }

    public IReadOnlyList<InstalledApplication> Installed() =>
        _receipts.List()
            .Where(r => r.ApplicationId is not null)
            .Select(r => new InstalledApplication(r.ApplicationId!.Value, r.Name, r.Version, r.InstalledAt))
            .ToList();

    public IReadOnlyDictionary<string, string> SpecialMacros(IReadOnlyDictionary<string, string> overrides) =>
        EngineMacros.Special(state, overrides);

    public AgentJobResult? Finished(Guid jobId) =>
        _finished.Get(jobId) is { } finished ? new AgentJobResult(finished.Outcome, finished.Message) : null;

    public void MarkFinished(Guid jobId, AgentJobResult result) => _finished.MarkFinished(jobId, result.Outcome, result.Message);

    private static IProgress<EngineProgress> Forward(IProgress<JobProgress> progress) =>
        new CallbackProgress<EngineProgress>(p => progress.Report(new JobProgress(p.Phase, p.Percent, p.Message, p.Level, p.Event)));

    private static AgentJobResult ToResult(EngineResult result) => new(ToState(result.Outcome), result.Message);

    private static JobState ToState(EngineOutcome outcome) => outcome switch
    {
        EngineOutcome.Succeeded => JobState.Succeeded,
        EngineOutcome.RolledBack => JobState.RolledBack,
        _ => JobState.Failed,
    };
}
