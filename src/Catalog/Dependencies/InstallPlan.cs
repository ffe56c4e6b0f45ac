using Catalog.Applications;

namespace Catalog.Dependencies;

/// <summary>
/// What installing an application on a machine takes: the applications to install, dependencies first and the
/// target last, each once; what is already there; or why it cannot be done.
/// </summary>
public sealed record InstallPlan(
    IReadOnlyList<Application> InstallOrder,
    IReadOnlyList<string> AlreadySatisfied,
    bool IsRefused,
    string? Refusal)
{
    public static InstallPlan Planned(IReadOnlyList<Application> installOrder, IReadOnlyList<string> alreadySatisfied) =>
        new(installOrder, alreadySatisfied, false, null);

    public static InstallPlan Refused(string refusal) => new([], [], true, refusal);
}
