using Catalog.Applications;

namespace Portal.SelfService;

/// <summary>Whether an application is offered to an actor: assigned by email or role; staff see every application.</summary>
public static class CatalogAssignment
{
    public static bool IsOfferedTo(Application application, SelfServiceActor actor)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsStaff)
        {
            return true;
        }

        var availability = application.Availability;
        return availability.Users.Any(u => string.Equals(u.Trim(), actor.Email, StringComparison.OrdinalIgnoreCase))
            || availability.Roles.Any(r => actor.Roles.Contains(r, StringComparer.OrdinalIgnoreCase));
    }
}
