using Catalog.Machines;

namespace Catalog.Agents;

/// <summary>Body of <c>POST /api/agents/enroll</c>.</summary>
public sealed record EnrollRequest(string Token, string MachineName, Inventory? Inventory = null);
