namespace Portal.Cluster;

/// <summary>What a node tells the others through PostgreSQL <c>NOTIFY</c> (the receiver re-reads the record by key).</summary>
public enum ClusterMessageKind
{
    /// <summary>A job changed (key: job id): live pages refresh it; a queued job is pushed by the node holding its agent.</summary>
    Job,

    /// <summary>A machine's inventory, usage or connection changed (key: machine id; detail: the change kind).</summary>
    Machine,

    /// <summary>An uninstall request changed (key: request id).</summary>
    UninstallRequest,

    /// <summary>Stop a job (key: machine id; detail: job id): the node holding the agent tells it.</summary>
    CancelJob,

    /// <summary>A machine's credential was revoked (key: machine id): every node drops its connections.</summary>
    RevokeMachine,
}
