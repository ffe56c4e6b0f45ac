using Catalog.Applications;

namespace Catalog.Requirements;

/// <summary>What the portal must ask an agent to probe so that file and registry requirements can be evaluated.</summary>
public static class RequirementProbes
{
    /// <summary>Distinct file paths (as written, macros unexpanded) named by file requirements.</summary>
    public static IReadOnlyList<string> FilesToProbe(IEnumerable<Application> applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        return applications
            .SelectMany(a => a.Requirements)
            .Select(r => r switch
            {
                FileExistsRequirement file => file.Path,
                FileVersionRequirement file => file.Path,
                _ => null,
            })
            .OfType<string>()
            .Where(path => path.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Distinct registry values as <c>KEY\VALUE</c>, the form <see cref="Machines.Inventory.Registry"/> reports them in.</summary>
    public static IReadOnlyList<string> RegistryValuesToProbe(IEnumerable<Application> applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        return applications
            .SelectMany(a => a.Requirements)
            .OfType<RegistryValueRequirement>()
            .Select(r => $"{r.Key}\\{r.ValueName}")
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
