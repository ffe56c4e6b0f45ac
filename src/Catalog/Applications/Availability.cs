namespace Catalog.Applications;

/// <summary>Who gets the application, and whether they choose it or must have it.</summary>
public sealed record Availability
{
    public AvailabilityMode Mode { get; init; } = AvailabilityMode.Available;
    /// <summary>Email addresses of users the application is assigned to.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];
    /// <summary>Roles the application is assigned to (e.g. <c>User</c> = everyone).</summary>
    public IReadOnlyList<string> Roles { get; init; } = ["User"];
}
