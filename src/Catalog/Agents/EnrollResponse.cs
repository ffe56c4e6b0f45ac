namespace Catalog.Agents;

/// <summary>Answer of <c>POST /api/agents/enroll</c>: the machine's id and its credential (shown once).</summary>
public sealed record EnrollResponse(Guid MachineId, string Credential);
