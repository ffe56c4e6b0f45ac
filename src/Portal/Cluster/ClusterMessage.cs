using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Cluster;

/// <summary>
/// One wake-up between portal nodes: a kind, the key of the record that changed and the node it came from. It carries
/// no state: the receiver re-reads the record by key, so a message fits PostgreSQL's NOTIFY payload whatever the record.
/// </summary>
public sealed record ClusterMessage(ClusterMessageKind Kind, Guid Key, string Detail, string Origin)
{
    /// <summary>The PostgreSQL channel every node listens on.</summary>
    public const string Channel = "portal_cluster";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string ToPayload() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a payload; null for anything that is not a message of this version (it is ignored).</summary>
    public static ClusterMessage? TryParse(string payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize<ClusterMessage>(payload, Json);
            return message is { Origin: not null, Detail: not null } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
