using Catalog.Events;

namespace Portal.Components.Admin;

/// <summary>Event types in words ("Install succeeded"), for reports and the reporting tab; the API keeps the enum names.</summary>
public static class EventNames
{
    public static string Of(EventType type) => type switch
    {
        EventType.DistributionSuccess => "Install succeeded",
        EventType.DistributionFailure => "Install failed",
        EventType.UninstallSuccess => "Uninstall succeeded",
        EventType.UninstallFailure => "Uninstall failed",
        EventType.CacheSuccess => "Cached",
        EventType.CacheFailure => "Caching failed",
        EventType.FilterHidden => "Hidden by requirements",
        EventType.FilterShown => "Shown by requirements",
        EventType.ProcessTermination => "Processes terminated",
        EventType.LaunchSuccess => "Launched",
        EventType.LaunchFailure => "Launch failed",
        _ => type.ToString(),
    };

    public static bool IsFailure(EventType type) => type.ToString().EndsWith("Failure", StringComparison.Ordinal);

    public static bool IsSuccess(EventType type) => type.ToString().EndsWith("Success", StringComparison.Ordinal);
}
