using Microsoft.AspNetCore.Http.Connections.Client;

namespace Portal.Tests.Agents;

/// <summary>
/// Points a long-lived agent at whichever in-process portal is current, so a test can "restart" the portal (dispose the
/// factory, start a new one on the same data directory) under a running agent.
/// </summary>
public sealed class PortalHolder(AgentLinkPortal portal)
{
    public AgentLinkPortal Current { get; set; } = portal;

    /// <summary>The agent's hub connection, reaching whichever portal is current at each (re)connect.</summary>
    public void ConfigureConnection(HttpConnectionOptions options)
    {
        options.HttpMessageHandlerFactory = _ => new ForwardingHandler(this);
        options.WebSocketFactory = async (context, cancellationToken) =>
        {
            var client = Current.Server.CreateWebSocketClient();
            var token = context.Options.AccessTokenProvider is { } provider ? await provider() : null;
            client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {token}";
            return await client.ConnectAsync(context.Uri, cancellationToken);
        };
    }

    public HttpMessageHandler Handler => new ForwardingHandler(this);

    private sealed class ForwardingHandler(PortalHolder holder) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            new HttpMessageInvoker(holder.Current.Server.CreateHandler(), disposeHandler: false).SendAsync(request, cancellationToken);
    }
}
