namespace Catalog.Versioning;

/// <summary>
/// The outcome of <see cref="UpgradeRules.Decide"/>: the change, or (when <see cref="Refusal"/> is set) why installing
/// the offered version over the installed one is not allowed.
/// </summary>
public sealed record UpgradeDecision(VersionChange Change, string? Refusal)
{
    public bool IsAllowed => Refusal is null;
}
