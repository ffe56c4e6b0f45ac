using Catalog.Events;

namespace Catalog.Requirements;

/// <summary>An application's state for one machine, with one plain-English reason per unmet requirement.</summary>
public sealed record CatalogEvaluation(ApplicationVisibility State, IReadOnlyList<string> Reasons, EventType FilterEvent)
{
    public bool IsAvailable => State == ApplicationVisibility.Available;
}
