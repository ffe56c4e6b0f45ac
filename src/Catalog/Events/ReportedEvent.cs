namespace Catalog.Events;

/// <summary>An event as recorded and sent to reporting destinations.</summary>
public sealed record ReportedEvent
{
    public long Id { get; init; }
    public required EventType Type { get; init; }
    public required DateTimeOffset At { get; init; }
    public string User { get; init; } = "";
    public string Machine { get; init; } = "";
    public Guid? MachineId { get; init; }
    public string MachineAddress { get; init; } = "";
    public string ApplicationName { get; init; } = "";
    public Guid? ApplicationId { get; init; }
    public string Version { get; init; } = "";
    public Guid? JobId { get; init; }
    public string Message { get; init; } = "";
}
