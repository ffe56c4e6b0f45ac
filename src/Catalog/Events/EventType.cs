namespace Catalog.Events;

/// <summary>Event names as in ZENworks.</summary>
public enum EventType
{
    DistributionSuccess,
    DistributionFailure,
    UninstallSuccess,
    UninstallFailure,
    CacheSuccess,
    CacheFailure,
    FilterHidden,
    FilterShown,
    ProcessTermination,
    LaunchSuccess,
    LaunchFailure,
}
