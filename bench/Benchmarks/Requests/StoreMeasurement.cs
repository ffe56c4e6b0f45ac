namespace Benchmarks.Requests;

/// <summary>One store's figures: how it was filled, the timings of each request kind, and the portal's peak RSS while measured.</summary>
internal sealed record StoreMeasurement(StoreSpec Spec, FilledStore Store, IReadOnlyList<RequestTimings> Timings, double PortalRssMb);
