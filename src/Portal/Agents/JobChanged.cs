using Catalog.Jobs;

namespace Portal.Agents;

/// <summary>A job's state, phase or progress changed.</summary>
public sealed record JobChanged(Guid JobId, Guid MachineId, JobState State, JobPhase? Phase, int Percent, string Message);
