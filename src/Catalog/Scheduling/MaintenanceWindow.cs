namespace Catalog.Scheduling;

/// <summary>
/// When required installs and unused-uninstalls may start on a machine: on the given days, from <see cref="Start"/> to
/// <see cref="End"/> in the machine's own time zone. An end at or before the start runs past midnight into the next
/// day. A window with no machine applies to every machine; a machine with no window at all is always open.
/// </summary>
public sealed record MaintenanceWindow
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Name { get; init; }
    /// <summary>The one machine it applies to; null = every machine.</summary>
    public Guid? MachineId { get; init; }
    /// <summary>The days on which the window opens (it may close on the next day).</summary>
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];
    public TimeOnly Start { get; init; }
    public TimeOnly End { get; init; }
}
