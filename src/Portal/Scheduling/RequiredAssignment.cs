using Catalog.Applications;

namespace Portal.Scheduling;

/// <summary>
/// Whether a required application applies to a machine: its owner is assigned by email or by role. Unlike the catalog,
/// a staff owner does not get every application: only what is assigned to them. A machine without an owner gets none.
/// </summary>
public static class RequiredAssignment
{
    public static bool AppliesTo(Application application, string? ownerEmail, IReadOnlyCollection<string> ownerRoles)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(ownerRoles);
        var availability = application.Availability;
        if (availability.Mode != AvailabilityMode.Required || string.IsNullOrEmpty(ownerEmail))
        {
            return false;
        }

        return availability.Users.Any(u => string.Equals(u.Trim(), ownerEmail, StringComparison.OrdinalIgnoreCase))
            || availability.Roles.Any(r => ownerRoles.Contains(r, StringComparer.OrdinalIgnoreCase));
    }
}
