namespace Catalog.Requirements;

/// <summary>How an application appears in a machine's catalog.</summary>
public enum ApplicationVisibility
{
    /// <summary>Every requirement is met: it can be installed.</summary>
    Available,
    /// <summary>Shown disabled, with the reasons.</summary>
    Unavailable,
    /// <summary>A requirement that hides the application when unmet is unmet.</summary>
    Hidden,
}
