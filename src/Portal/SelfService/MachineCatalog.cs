using Catalog.Machines;

namespace Portal.SelfService;

/// <summary>A machine's catalog as one actor sees it; hidden applications are absent.</summary>
public sealed record MachineCatalog(Machine Machine, IReadOnlyList<CatalogItem> Items)
{
    public IReadOnlyList<string> Categories =>
        Items.Select(i => i.Application.Category).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase).ToList();
}
