using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Cluster;

/// <summary>
/// This node's side of the wake-ups between portal nodes. <see cref="Publish"/> never waits: messages go into a bounded
/// queue that <see cref="PostgreSqlClusterLink"/> sends with <c>pg_notify</c>; what other nodes send arrives through
/// <see cref="Received"/>. On a single node (SQLite) it is disabled and publishing does nothing.
/// </summary>
public sealed class ClusterBus(IOptions<ClusterOptions> options, IDbConnectionFactory connections)
{
    /// <summary>Wake-ups waiting to be sent; beyond this the oldest is dropped (the poll catches up with what it meant).</summary>
    public const int QueueCapacity = 10_000;

    private readonly Channel<ClusterMessage> _outgoing = Channel.CreateBounded<ClusterMessage>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public string NodeId { get; } = options.Value.NodeId;

    /// <summary>True when several nodes may share the database (PostgreSQL).</summary>
    public bool IsEnabled { get; } = connections.Dialect == SqlDialect.PostgreSql;

    /// <summary>Called for each message another node sent.</summary>
    public event Func<ClusterMessage, CancellationToken, Task>? Received;

    internal ChannelReader<ClusterMessage> Outgoing => _outgoing.Reader;

    public void Publish(ClusterMessageKind kind, Guid key, string detail = "")
    {
        if (IsEnabled)
        {
            _outgoing.Writer.TryWrite(new ClusterMessage(kind, key, detail, NodeId));
        }
    }

    /// <summary>Hands a message from another node to the handlers; this node's own messages come back and are ignored.</summary>
    internal async Task DeliverAsync(ClusterMessage message, CancellationToken cancellationToken)
    {
        if (message.Origin == NodeId || Received is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Func<ClusterMessage, CancellationToken, Task>>())
        {
            await handler(message, cancellationToken);
        }
    }
}
