using Catalog.Events;
using Catalog.Jobs;

namespace ClientAgent.Service;

/// <summary>One progress report of a running job; <see cref="Event"/> is set when it is also a reportable event.</summary>
public sealed record JobProgress(JobPhase Phase, int Percent, string Message, JobEventLevel Level = JobEventLevel.Info, EventType? Event = null);
