using Catalog.Agents;
using Catalog.Jobs;
using Catalog.Machines;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Portal.Cluster;
using Portal.Jobs;

namespace Portal.AgentLink;

/// <summary>
/// The hub agents connect to (<c>/hubs/agent</c>): a thin adapter. Each connection joins its machine's group; on
/// connect the portal records when and from where the machine was seen and pushes every deliverable job again
/// (at-least-once delivery). Job reports go to <see cref="JobLifecycle"/>, inventory, usage and events to
/// <see cref="MachineReports"/>; an agent only ever speaks for its own machine.
/// </summary>
[Authorize(AuthenticationSchemes = AgentAuthentication.SchemeName)]
public sealed partial class AgentHub(
    AgentPresence presence,
    AgentConnectionRegistry registry,
    AgentLinkShutdown shutdown,
    JobLifecycle lifecycle,
    BlockedJobs blockedJobs,
    MachineReports reports,
    ILogger<AgentHub> logger) : Hub
{
    /// <summary>How long a connection that arrived while the node stops may stay to read its reconnect hint.</summary>
    private static readonly TimeSpan LateConnectionGrace = TimeSpan.FromSeconds(1);

    private Guid MachineId => Guid.Parse(Context.User!.FindFirst(AgentAuthentication.MachineIdClaim)!.Value);

    public override async Task OnConnectedAsync()
    {
        var machineId = MachineId;
        if (registry.IsStopping)
        {
            // Arrived while this node shuts down: tell it when to come back, and close.
            // The agent closes on the hint; aborting at once could drop the unflushed hint, so an agent that ignores
            // it is aborted a moment later. The connection is never registered.
            await Clients.Caller.SendAsync(AgentHubMethods.Reconnect, shutdown.Hint(1), Context.ConnectionAborted);
            _ = AbortLaterAsync(Context);
            return;
        }

        try
        {
            await presence.ConnectedAsync(machineId, Context, Context.ConnectionAborted);
            await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroups.Machine(machineId), Context.ConnectionAborted);
            var address = Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "";
            await reports.ConnectedAsync(machineId, address, Context.ConnectionAborted);
            var pushed = await lifecycle.PushDeliverableAsync(machineId, Clients.Caller, Context.ConnectionAborted);
            LogConnected(machineId, address, pushed);
        }
        catch (Exception ex)
        {
            // SignalR does not call OnDisconnectedAsync when OnConnectedAsync fails (an agent that left while it was
            // being registered cancels it): forget the connection here, or the machine would stay "online" forever.
            await ForgetAsync(machineId, ex.Message);
            throw;
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await ForgetAsync(MachineId, exception?.Message ?? "closed");
        await base.OnDisconnectedAsync(exception);
    }

    private async Task ForgetAsync(Guid machineId, string reason)
    {
        var stillOnline = await presence.DisconnectedAsync(machineId, Context.ConnectionId, CancellationToken.None);
        LogDisconnected(machineId, reason);
        // A node closing its agents for a restart writes nothing per connection: they are back within seconds, and
        // thousands of "went offline" writes would hold the shutdown up (docs/performance.md).
        if (!registry.IsStopping && !stillOnline)
        {
            await reports.DisconnectedAsync(machineId, CancellationToken.None);
            await lifecycle.AgentWentOfflineAsync(machineId, CancellationToken.None);
        }
    }

    private static async Task AbortLaterAsync(HubCallerContext context)
    {
        try
        {
            await Task.Delay(LateConnectionGrace, context.ConnectionAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        context.Abort();
    }

    /// <summary>
    /// Stores the agent's inventory. One that left its external-software list out under a digest the portal does not
    /// hold is answered with <see cref="AgentHubMethods.RequestInventory"/>: the agent sends the whole inventory.
    /// </summary>
    public Task Inventory(Inventory inventory) => Refused(StoreInventoryAsync(inventory));

    private async Task StoreInventoryAsync(Inventory inventory)
    {
        if (!await reports.InventoryAsync(MachineId, inventory, Context.ConnectionAborted))
        {
            LogWholeInventoryRequested(MachineId);
            await Clients.Caller.SendAsync(AgentHubMethods.RequestInventory, Context.ConnectionAborted);
        }
    }

    public Task Ack(Guid jobId) => lifecycle.AcknowledgeAsync(MachineId, jobId, Context.ConnectionAborted);

    public Task Progress(Guid jobId, JobPhase phase, int percent, string message) =>
        lifecycle.ProgressAsync(MachineId, jobId, phase, percent, message, Context.ConnectionAborted);

    public Task Completed(Guid jobId, JobState outcome, string detail) =>
        lifecycle.CompleteAsync(MachineId, jobId, outcome, detail, Context.ConnectionAborted);

    public Task JobLog(Guid jobId, JobEventLevel level, string message) =>
        lifecycle.LogAsync(MachineId, jobId, level, message, Context.ConnectionAborted);

    /// <summary>The job found blocking programs running (<see cref="BlockingHubMethods.Blocked"/>).</summary>
    public Task Blocked(Guid jobId, IReadOnlyList<string> processNames) =>
        blockedJobs.ReportAsync(MachineId, jobId, processNames, Context.ConnectionAborted);

    public Task Event(AgentEvent agentEvent) => Refused(reports.EventAsync(MachineId, agentEvent, Context.ConnectionAborted));

    public Task Usage(IReadOnlyList<UsageReport> usage) => Refused(reports.UsageAsync(MachineId, usage, Context.ConnectionAborted));

    /// <summary>A refused report reaches the agent as a hub error with the reason; nothing was stored.</summary>
    private async Task Refused(Task report)
    {
        try
        {
            await report;
        }
        catch (AgentReportRefusedException refused)
        {
            LogRefused(MachineId, refused.Message);
            throw new HubException(refused.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent of machine {MachineId} connected from {Address}; {Pushed} job(s) pushed")]
    private partial void LogConnected(Guid machineId, string address, int pushed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent of machine {MachineId} disconnected: {Reason}")]
    private partial void LogDisconnected(Guid machineId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inventory of machine {MachineId} left out a software list this portal does not hold; asked for the whole inventory")]
    private partial void LogWholeInventoryRequested(Guid machineId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report of machine {MachineId} refused: {Reason}")]
    private partial void LogRefused(Guid machineId, string reason);
}
