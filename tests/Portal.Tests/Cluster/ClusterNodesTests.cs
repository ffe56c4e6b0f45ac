using System.Collections.Concurrent;
using Catalog.Agents;
using Catalog.Applications;
using Catalog.Jobs;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.AgentLink;
using Portal.Cluster;
using Portal.Data;
using Portal.Jobs;
using Portal.Reporting;
using Portal.Tests.Agents;
using Portal.Tests.Hosting;

namespace Portal.Tests.Cluster;

/// <summary>
/// Two portal nodes in this process on one fresh PostgreSQL database, talking only through the database (LISTEN/NOTIFY,
/// connection rows, advisory locks): an agent connected to node A gets a job queued on node B, node B's live
/// subscription sees the progress the agent reports to node A, and both nodes see the agent online.
/// </summary>
public sealed class ClusterNodesTests : IAsyncLifetime
{
    // Longer than the hub's 30 s client timeout: under load the in-process test server may miss a client's close
    // and only see the connection go through that timeout.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(75);
    private readonly TempDirectory _temp = new();
    private AgentLinkPortal? _nodeA;
    private AgentLinkPortal? _nodeB;

    private AgentLinkPortal NodeA => _nodeA!;

    private AgentLinkPortal NodeB => _nodeB!;

    [PostgreSqlFact]
    public async Task JobQueuedOnNodeB_ReachesTheAgentOnNodeA_AndNodeBsLiveSubscriptionSeesItsProgress()
    {
        var agent = await NodeA.EnrollAsync("cluster-pc");
        var application = await NodeA.AddApplicationAsync(new Application { Name = "Editor", Version = "1.0", Package = await NodeA.AddPackageAsync([1, 2, 3]) });
        var delivered = new TaskCompletionSource<JobMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = NodeA.CreateHubConnection(agent.Credential);
        connection.On<JobMessage>(AgentHubMethods.RunJob, message => delivered.TrySetResult(message));
        await connection.StartAsync();
        await WaitUntilAsync(() => NodeB.Get<AgentPresence>().IsOnlineAsync(agent.MachineId, CancellationToken.None));

        var changes = new ConcurrentQueue<JobChanged>();
        var succeeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = NodeB.Get<JobNotifier>().Subscribe(agent.MachineId, change =>
        {
            changes.Enqueue(change);
            if (change is { State: JobState.Running, Percent: 40 })
            {
                running.TrySetResult();
            }

            if (change.State == JobState.Succeeded)
            {
                succeeded.TrySetResult();
            }

            return Task.CompletedTask;
        });

        var job = Assert.Single(await NodeB.InstallAsync(await NodeB.MachineAsync(agent.MachineId), application));
        var message = await delivered.Task.WaitAsync(Wait);
        Assert.Equal(job.Id, message.JobId);

        await connection.InvokeAsync(AgentHubMethods.Ack, job.Id);
        await connection.InvokeAsync(AgentHubMethods.Progress, job.Id, JobPhase.Installing, 40, "Copying files");
        await running.Task.WaitAsync(Wait);
        await connection.InvokeAsync(AgentHubMethods.Completed, job.Id, JobState.Succeeded, "Editor 1.0 installed.");
        await succeeded.Task.WaitAsync(Wait);

        Assert.All(changes, change => Assert.Equal(job.Id, change.JobId));
        Assert.Contains(changes, change => change is { State: JobState.Running, Phase: JobPhase.Installing, Percent: 40 });
    }

    [PostgreSqlFact]
    public async Task AgentLeavingNodeA_IsOfflineOnNodeB()
    {
        var agent = await NodeA.EnrollAsync("leaving-pc");
        var connection = NodeA.CreateHubConnection(agent.Credential);
        await connection.StartAsync();
        await WaitUntilAsync(() => NodeB.Get<AgentPresence>().IsOnlineAsync(agent.MachineId, CancellationToken.None));

        await connection.DisposeAsync();

        await WaitUntilAsync(() => Task.FromResult(!NodeA.Get<AgentConnectionRegistry>().IsConnected(agent.MachineId)));
        await WaitUntilAsync(async () => !await NodeB.Get<AgentPresence>().IsOnlineAsync(agent.MachineId, CancellationToken.None));
        Assert.False(NodeB.Get<AgentConnectionRegistry>().IsConnected(agent.MachineId));
    }

    [PostgreSqlFact]
    public async Task TwoNodesDrainingOneOutbox_PostEachEventOnce()
    {
        var posts = new ConcurrentQueue<string>();
        await using var receiver = await TestHttpServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            posts.Enqueue(await reader.ReadToEndAsync());
        });
        var outbox = NodeA.Get<XmlOutboxRepository>();
        for (var i = 0; i < 40; i++)
        {
            await outbox.EnqueueAsync(new Uri(receiver.Address, "events").AbsoluteUri, $"<event n=\"{i}\"/>", DateTimeOffset.UtcNow);
        }

        await Task.WhenAll(
            NodeA.Get<XmlOutboxSender>().DrainAsync(CancellationToken.None),
            NodeB.Get<XmlOutboxSender>().DrainAsync(CancellationToken.None),
            NodeA.Get<XmlOutboxSender>().DrainAsync(CancellationToken.None),
            NodeB.Get<XmlOutboxSender>().DrainAsync(CancellationToken.None));
        await WaitUntilAsync(async () => await NodeA.OutboxCountAsync() == 0);

        Assert.Equal(40, posts.Count);
        Assert.Equal(40, posts.Distinct().Count());
    }

    [PostgreSqlFact]
    public async Task ClusterLock_HeldByNodeA_MakesNodeBSkipTheRound()
    {
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = NodeA.Get<ClusterLock>().TryRunAsync("test-sweep", async _ =>
        {
            inside.SetResult();
            await release.Task;
        }, CancellationToken.None);
        await inside.Task.WaitAsync(Wait);

        var ranOnB = await NodeB.Get<ClusterLock>().TryRunAsync("test-sweep", _ => Task.CompletedTask, CancellationToken.None);
        release.SetResult();

        Assert.False(ranOnB);
        Assert.True(await holder);
        Assert.True(await NodeB.Get<ClusterLock>().TryRunAsync("test-sweep", _ => Task.CompletedTask, CancellationToken.None));
    }

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgreSqlFactAttribute.Variable)))
        {
            return;
        }

        _nodeA = await AgentLinkPortal.StartAsync(_temp.Sub("node-a"), onPostgreSql: true);
        _nodeB = new AgentLinkPortal(_temp.Sub("node-b"), connectionString: _nodeA.ConnectionString);
        _ = _nodeB.Server;
        await Task.WhenAll(
            _nodeA.Get<PostgreSqlClusterLink>().Listening.WaitAsync(Wait),
            _nodeB.Get<PostgreSqlClusterLink>().Listening.WaitAsync(Wait));
    }

    public async Task DisposeAsync()
    {
        if (_nodeB is not null)
        {
            await _nodeB.DisposeAsync();
        }

        if (_nodeA is not null)
        {
            await _nodeA.DisposeAsync();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable(PostgreSqlFactAttribute.Variable));
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new Npgsql.NpgsqlConnectionStringBuilder(_nodeA.ConnectionString).Database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        _temp.Dispose();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
