using Catalog.Agents;
using Catalog.Applications;
using ClientAgent.Connection;
using ClientAgent.Service;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Hosting;
using Portal.AgentLink;

namespace Portal.Tests.Agents;

/// <summary>
/// A stopping portal closes its agent connections itself: it sends each agent a Reconnect hint sized by how many
/// agents it closes, the agent closes on it (a bare client that does not is aborted after the grace period), a
/// connection arriving meanwhile is turned away with the hint, and a RunJob pushed on connect (possibly before the
/// client reports Connected) is acknowledged, not dropped.
/// </summary>
public sealed class AgentLinkShutdownTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(3_000, 2.0)]
    [InlineData(7_500, 3.0)]
    [InlineData(10_000, 4.0)]
    [InlineData(100_000, 4.0)]
    public void TheGraceForClosing_GrowsWithTheFleet_ButKeepsTheExitWithinFiveSeconds(int agents, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AgentLinkShutdown.CloseGrace(agents));

    [Fact]
    public async Task StoppingThePortal_SendsTheHint_AndTheAgentClosesAndKeepsIt()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("stop-pc");
        var advice = new ReconnectAdvice(TimeProvider.System);
        await using var connection = AgentHubConnection.Create(portal.BaseAddress, agent.Credential, configure: portal.ConfigureConnection, advice: advice);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        var registry = portal.Get<AgentConnectionRegistry>();
        await HubTests.WaitUntilAsync(() => registry.Count == 1);

        portal.Get<IHostApplicationLifetime>().StopApplication();

        await closed.Task.WaitAsync(Wait);
        var hint = advice.Current();
        Assert.NotNull(hint);
        Assert.Equal(TimeSpan.FromSeconds(2), hint.Value.Spread);
        Assert.Equal(TimeSpan.FromSeconds(5), hint.Value.Cap);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        Assert.True(registry.IsStopping);
    }

    [Fact]
    public async Task AClientThatIgnoresTheHint_IsClosedByThePortal()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("old-pc");
        // An agent without hint handling: it records the hint but keeps its connection open.
        await using var connection = AgentHubConnection.Create(portal.BaseAddress, agent.Credential, configure: portal.ConfigureConnection);
        var hints = new List<ReconnectHint>();
        connection.On<ReconnectHint>(AgentHubMethods.Reconnect, hints.Add);
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Reconnecting += _ =>
        {
            gone.TrySetResult();
            return Task.CompletedTask;
        };
        connection.Closed += _ =>
        {
            gone.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        var registry = portal.Get<AgentConnectionRegistry>();
        await HubTests.WaitUntilAsync(() => registry.Count == 1);

        portal.Get<IHostApplicationLifetime>().StopApplication();

        await gone.Task.WaitAsync(Wait);
        Assert.Equal(2_000, Assert.Single(hints).SpreadMs);
        Assert.True(registry.IsStopping);
        await HubTests.WaitUntilAsync(() => registry.Count == 0);
    }

    [Fact]
    public async Task AConnectionArrivingWhileStopping_GetsTheHintAndIsNotRegistered()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("late-pc");
        var registry = portal.Get<AgentConnectionRegistry>();
        registry.BeginStopping();
        var advice = new ReconnectAdvice(TimeProvider.System);
        await using var connection = AgentHubConnection.Create(portal.BaseAddress, agent.Credential, configure: portal.ConfigureConnection, advice: advice);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        await connection.StartAsync();
        await closed.Task.WaitAsync(Wait);

        Assert.NotNull(advice.Current());
        Assert.Equal(0, registry.Count);
        Assert.Null((await portal.MachineAsync(agent.MachineId)).LastSeenAt);
    }

    [Fact]
    public void TheHintSpreadsMoreAgentsOverMoreTime_WithinItsBounds()
    {
        using var portal = new AgentLinkPortal(_temp.Sub("data"));
        var shutdown = portal.Get<AgentLinkShutdown>();

        Assert.Equal(2_000, shutdown.Hint(10).SpreadMs);
        Assert.Equal(10_000, shutdown.Hint(10_000).SpreadMs);
        Assert.Equal(60_000, shutdown.Hint(1_000_000).SpreadMs);
        Assert.Equal(5_000, shutdown.Hint(10_000).CapMs);
    }

    [Fact]
    public async Task RunJobPushedOnConnect_IsAcknowledgedByTheAgent()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("early-pc");
        var application = await portal.AddApplicationAsync(new Application
        {
            Name = "Early",
            Version = "1.0",
            Package = await portal.AddPackageAsync([9, 8, 7]),
        });
        var job = Assert.Single(await portal.InstallAsync(await portal.MachineAsync(agent.MachineId), application));

        // Pushed by the portal on connect, which may reach the client before it reports Connected: the agent's outbox
        // holds the Ack until it is, instead of dropping it.
        var holder = new PortalHolder(portal);
        using var host = AgentHost.Build(new AgentServiceOptions
        {
            Credentials = agent,
            StateDirectory = _temp.Sub("agent"),
            MacroOverrides = new Dictionary<string, string> { ["*PROGRAMS"] = _temp.Sub("programs") },
            ConfigureConnection = holder.ConfigureConnection,
            RetryPolicy = new JitteredBackoffRetryPolicy(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(300)),
            UsageInterval = TimeSpan.FromHours(1),
        }, holder.Handler, TimeSpan.FromMilliseconds(20));
        await host.StartAsync();
        await HubTests.WaitUntilAsync(async () => (await portal.JobAsync(job.Id))?.DeliveredAt is not null);

        Assert.NotNull((await portal.JobAsync(job.Id))!.DeliveredAt);
    }

    public void Dispose() => _temp.Dispose();
}
