namespace Benchmarks.Requests;

/// <summary>The size of one store: machines (one owner each), jobs spread over them, and catalog applications.</summary>
/// <param name="InstalledApplications">The first applications, which the seeded jobs installed; the rest stay installable.</param>
internal sealed record StoreSpec(string Name, int Machines, int Jobs, int Applications, int InstalledApplications);
