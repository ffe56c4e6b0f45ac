namespace Catalog.Auditing;

/// <summary>Who did what to what, and when.</summary>
public sealed record AuditEntry
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public string Target { get; init; } = "";
    public string Detail { get; init; } = "";
}
