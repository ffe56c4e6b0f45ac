using Catalog.Agents;
using Catalog.Applications;
using Catalog.Jobs;

namespace Portal.Jobs;

/// <summary>Turns a stored job and its application into the self-contained message the agent runs.</summary>
public static class JobMessageFactory
{
    /// <summary>The portal's own package URL, relative to the portal's base address (the agent resolves it).</summary>
    public static string PortalPackagePath(string sha256) => $"api/packages/{sha256}";

    public static JobMessage Create(Job job, Application application)
    {
        var package = application.Package;
        var sources = new List<string>();
        if (package is not null)
        {
            sources.Add(PortalPackagePath(package.Sha256));
            sources.AddRange(application.Sources.Select(s => s.Location).Where(l => !string.IsNullOrWhiteSpace(l)));
        }

        return new JobMessage
        {
            JobId = job.Id,
            Kind = job.Kind,
            ApplicationId = application.Id,
            ApplicationName = application.Name,
            ApplicationVersion = application.Version,
            PackageSha256 = package?.Sha256 ?? "",
            PackageSize = package?.Size ?? 0,
            Sources = sources,
            Macros = application.Macros,
            Answers = job.Answers,
            Scripts = application.Scripts,
            UninstallPolicy = application.UninstallPolicy,
            ForceCache = application.ForceCache || job.Kind == JobKind.Cache,
            ProcessNames = application.ProcessNames,
            BlockingProcesses = application.BlockingProcesses,
            // Only the scheduler queues required installs without a user (RequestedBy null), and only after the deadline.
            TerminateBlocking = job.RequestedBy is null && job.Kind == JobKind.Install
                && application.Availability.Mode == AvailabilityMode.Required,
            UpgradeFrom = job.UpgradeFrom,
            UpgradeFromApplicationId = job.UpgradeFromApplicationId,
            AllowDowngrade = application.AllowDowngrade,
        };
    }
}
