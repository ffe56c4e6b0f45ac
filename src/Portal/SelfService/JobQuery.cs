using Catalog.Jobs;

namespace Portal.SelfService;

/// <summary>Filters for listing jobs; each given criterion must match.</summary>
public sealed record JobQuery(Guid? MachineId = null, Guid? ApplicationId = null, JobState? State = null, int Limit = 200, int Offset = 0);
