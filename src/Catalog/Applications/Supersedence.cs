using Catalog.Machines;

namespace Catalog.Applications;

/// <summary>
/// A renamed product: an application that declares <see cref="Application.Supersedes"/> is offered to machines that
/// have the replaced application, and the replaced one is uninstalled after it installs.
/// </summary>
public static class Supersedence
{
    /// <summary>
    /// The installed application <paramref name="application"/> replaces on this machine; null when it replaces none,
    /// the replaced one is not installed, or <paramref name="application"/> itself is already installed.
    /// </summary>
    public static InstalledApplication? ReplacedOn(Application application, Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(inventory);
        if (application.Supersedes is not { } replaced || replaced == application.Id
            || inventory.Applications.Any(i => i.ApplicationId == application.Id))
        {
            return null;
        }

        return inventory.Applications.FirstOrDefault(i => i.ApplicationId == replaced);
    }

    /// <summary>
    /// Why <paramref name="application"/> may not replace what it names in <paramref name="catalog"/>: the replaced
    /// application does not exist, or following the replacements leads back to <paramref name="application"/>.
    /// Null when the declaration is fine (or there is none).
    /// </summary>
    public static string? Problem(Application application, IReadOnlyList<Application> catalog)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(catalog);
        if (application.Supersedes is not { } first)
        {
            return null;
        }

        if (first == application.Id)
        {
            return "An application cannot replace itself; choose the application it replaces.";
        }

        var seen = new HashSet<Guid> { application.Id };
        Guid? current = first;
        while (current is { } id)
        {
            var next = catalog.FirstOrDefault(a => a.Id == id);
            if (next is null)
            {
                return id == first ? $"The application it replaces ({id}) is not in the catalog." : null;
            }

            if (!seen.Add(id))
            {
                var replaced = catalog.First(a => a.Id == first).Name;
                return $"{application.Name} cannot replace {replaced}: {replaced} already (directly or indirectly) replaces {application.Name}.";
            }

            current = next.Supersedes;
        }

        return null;
    }
}
