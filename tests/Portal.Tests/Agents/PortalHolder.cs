using ClientAgent.Connection;

namespace Portal.Tests.Agents;

/// <summary>
/// Points a long-lived agent at whichever in-process portal is current, so a test can "restart" the portal (dispose the
/// factory, start a new one on the same data directory) under a running agent.
/// </summary>
public sealed class PortalHolder(AgentLinkPortal portal)
{
    public AgentLinkPortal Current { get; set; } = portal;

    public WebSocketOpener OpenWebSocket(string credential) => (uri, cancellationToken) => Current.OpenWebSocket(credential)(uri, cancellationToken);

    public HttpMessageHandler Handler => new ForwardingHandler(this);

    private sealed class ForwardingHandler(PortalHolder holder) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            new HttpMessageInvoker(holder.Current.Server.CreateHandler(), disposeHandler: false).SendAsync(request, cancellationToken);
    }
}
