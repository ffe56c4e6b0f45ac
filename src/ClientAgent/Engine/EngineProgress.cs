using Catalog.Events;
using Catalog.Jobs;

namespace ClientAgent.Engine;

/// <summary>One progress report: phase, percent of the phase (by bytes where it copies), message, and level.</summary>
/// <param name="Event">Set when the report is also a reportable event (e.g. <see cref="EventType.ProcessTermination"/>).</param>
public sealed record EngineProgress(
    JobPhase Phase,
    int Percent,
    string Message,
    JobEventLevel Level = JobEventLevel.Info,
    EventType? Event = null);
