using Catalog.Agents;

namespace Catalog.Machines;

/// <summary>
/// Checks an agent's usage reports: bounded count, known applications only (those the machine's inventory lists),
/// no application twice, times neither before the install nor in the future. The hub stores nothing on refusal.
/// </summary>
public static class UsageReportValidator
{
    /// <summary>Tolerated clock skew between agent and portal.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>The first problem as a sentence, or null when every report may be stored.</summary>
    public static string? FindProblem(IReadOnlyList<UsageReport>? reports, IReadOnlyCollection<InstalledApplication> installed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(installed);
        if (reports is null)
        {
            return "The usage report is missing";
        }

        if (reports.Count > InventoryLimits.MaximumUsageReports)
        {
            return $"The usage report lists {reports.Count} applications; at most {InventoryLimits.MaximumUsageReports} are accepted";
        }

        var byId = installed.GroupBy(a => a.ApplicationId).ToDictionary(g => g.Key, g => g.First());
        var seen = new HashSet<Guid>();
        foreach (var report in reports)
        {
            if (report is null)
            {
                return "A usage entry is missing";
            }

            if (!byId.TryGetValue(report.ApplicationId, out var application))
            {
                return $"Application {report.ApplicationId} is not installed on this machine, so its usage cannot be reported";
            }

            if (!seen.Add(report.ApplicationId))
            {
                return $"Application {application.Name} is reported twice";
            }

            if (report.LastUsedAt > now + ClockSkew)
            {
                return $"The usage of {application.Name} is dated {report.LastUsedAt:O}, in the future";
            }

            if (report.LastUsedAt < application.InstalledAt - ClockSkew)
            {
                return $"The usage of {application.Name} is dated {report.LastUsedAt:O}, before it was installed";
            }
        }

        return null;
    }
}
