using Catalog.Events;

namespace Portal.Data;

/// <summary>Which reported events <see cref="ReportedEventRepository.QueryAsync"/> returns; null criteria match all.</summary>
public sealed record EventQuery
{
    /// <summary>Only these event types; null or empty = all.</summary>
    public IReadOnlyCollection<EventType>? Types { get; init; }

    public Guid? ApplicationId { get; init; }

    public Guid? MachineId { get; init; }

    /// <summary>Inclusive lower bound of <see cref="ReportedEvent.At"/>.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound of <see cref="ReportedEvent.At"/>.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Case-insensitive substring of the message, user, machine or application name.</summary>
    public string? Text { get; init; }

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }
}
