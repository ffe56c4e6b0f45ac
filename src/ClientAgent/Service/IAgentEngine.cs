using Catalog.Agents;
using Catalog.Machines;
using ClientAgent.Engine;

namespace ClientAgent.Service;

/// <summary>The install engine as the agent service drives it: recovery, install, uninstall, receipts, finished jobs.</summary>
public interface IAgentEngine
{
    /// <summary>Replays interrupted journals (rolls back half-done jobs, finishes committed ones); one entry per journal.</summary>
    Task<IReadOnlyList<RecoveredJob>> RecoverAsync(CancellationToken cancellationToken);

    Task<AgentJobResult> InstallAsync(JobMessage job, string packagePath, IReadOnlyDictionary<string, string> macroOverrides,
        IProgress<JobProgress> progress, CancellationToken cancellationToken);

    Task<AgentJobResult> UninstallAsync(JobMessage job, IReadOnlyDictionary<string, string> macroOverrides,
        IProgress<JobProgress> progress, CancellationToken cancellationToken);

    /// <summary>Applications installed through the portal, from the receipts.</summary>
    IReadOnlyList<InstalledApplication> Installed();

    /// <summary>The machine's special macro values (e.g. <c>*PROGRAMS</c>), overrides applied.</summary>
    IReadOnlyDictionary<string, string> SpecialMacros(IReadOnlyDictionary<string, string> overrides);

    /// <summary>The stored outcome of a job this machine already finished; null if it never finished it.</summary>
    AgentJobResult? Finished(Guid jobId);

    void MarkFinished(Guid jobId, AgentJobResult result);
}
