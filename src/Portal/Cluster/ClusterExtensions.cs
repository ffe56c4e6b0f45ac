using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Data;

namespace Portal.Cluster;

/// <summary>
/// Several portal nodes on one PostgreSQL database: wake-ups through LISTEN/NOTIFY with polling as the fallback,
/// agent presence across nodes with per-node heartbeats, and cluster-wide locks for the sweeps. Registered always;
/// with SQLite (one node) every part stands aside and the node behaves as before.
/// </summary>
public static class ClusterExtensions
{
    public static IHostApplicationBuilder AddPortalCluster(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName);
        services.TryAddSingleton<AgentLink.AgentConnectionRegistry>();
        services.TryAddSingleton<AgentConnectionRepository>();
        services.TryAddSingleton<ClusterBus>();
        services.TryAddSingleton<ClusterLock>();
        services.TryAddSingleton<AgentPresence>();
        services.TryAddSingleton<QueuedJobPusher>();
        services.TryAddSingleton<PostgreSqlClusterLink>();
        services.AddHostedService<ClusterHeartbeat>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgreSqlClusterLink>());
        services.AddHostedService<ClusterBridge>();
        services.AddHostedService<ClusterPoller>();
        return builder;
    }
}
