using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Operations;

/// <summary>Counts the Blazor circuits open on this node for <see cref="PortalMetrics"/>.</summary>
public sealed class CircuitCounter(PortalMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
