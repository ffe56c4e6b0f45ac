using System.Collections.Concurrent;
using Catalog.Events;

namespace Portal.SelfService;

/// <summary>Lets a FilterShown/FilterHidden event through once per machine, application, type and UTC day.</summary>
public sealed class FilterEventThrottle(TimeProvider time)
{
    private readonly ConcurrentDictionary<(Guid Machine, Guid Application, EventType Type), DateOnly> _lastDay = new();

    public bool ShouldRecord(Guid machineId, Guid applicationId, EventType type)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var recorded = false;
        // Under contention the delegates may run more than once; the last run is the one whose value was stored.
        _lastDay.AddOrUpdate(
            (machineId, applicationId, type),
            _ =>
            {
                recorded = true;
                return today;
            },
            (_, last) =>
            {
                recorded = last < today;
                return recorded ? today : last;
            });
        return recorded;
    }
}
