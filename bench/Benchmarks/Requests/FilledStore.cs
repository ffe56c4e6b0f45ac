namespace Benchmarks.Requests;

/// <summary>What the benchmark needs to know about a filled store to send requests against it.</summary>
internal sealed record FilledStore(
    IReadOnlyList<FilledMachine> Machines,
    IReadOnlyList<Guid> InstallableApplications,
    TimeSpan FillTime,
    long DatabaseBytes);

/// <summary>One machine of the store, its owner's email (the shared benchmark password) and some of its jobs.</summary>
internal sealed record FilledMachine(Guid Id, string OwnerEmail, IReadOnlyList<Guid> Jobs);
