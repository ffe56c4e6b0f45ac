namespace Catalog.Applications;

public enum AvailabilityMode
{
    /// <summary>Offered for self-service install.</summary>
    Available,
    /// <summary>Installed on every assigned machine without asking.</summary>
    Required,
}
