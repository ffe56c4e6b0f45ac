namespace Portal.Data;

/// <summary>An XML event post waiting to be (re)sent to a reporting URL.</summary>
public sealed record XmlOutboxMessage
{
    public long Id { get; init; }

    public required string Url { get; init; }

    public required string Body { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset NextAttemptAt { get; init; }

    public string LastError { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}
