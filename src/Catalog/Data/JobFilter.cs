using Catalog.Jobs;

namespace Catalog.Data;

/// <summary>Which jobs <see cref="JobRepository.ListAsync"/> returns; every criterion left null matches all.</summary>
public sealed record JobFilter
{
    public Guid? MachineId { get; init; }

    public Guid? ApplicationId { get; init; }

    /// <summary>Only jobs in one of these states; null or empty = any state.</summary>
    public IReadOnlyCollection<JobState>? States { get; init; }

    public Guid? RequestedBy { get; init; }

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }
}
