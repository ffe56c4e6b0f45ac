using System.Text.Json.Serialization;
using Catalog.Agents;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ClientAgent.Connection;

/// <summary>
/// Builds the agent's <see cref="HubConnection"/> to <c>&lt;portal&gt;/hubs/agent</c> with the official SignalR client:
/// WebSockets only, no <c>/negotiate</c> round trip, the enrollment credential as the bearer token, and automatic
/// reconnect with jittered back-off. With several portal nodes every (re)connect fails over between them in order
/// (<see cref="FailoverConnectionFactory"/>). Given a
/// <see cref="ReconnectAdvice"/>, the portal's <c>Reconnect</c> hint (sent before it closes the connection) is kept there
/// and shapes the reconnect delays (<see cref="HintedRetryPolicy"/>), and the agent closes the connection itself, so the
/// portal need not abort it.
/// </summary>
public static class AgentHubConnection
{
    /// <param name="configure">Runs last, so tests can reach an in-process server
    /// (<see cref="HttpConnectionOptions.HttpMessageHandlerFactory"/>, <see cref="HttpConnectionOptions.WebSocketFactory"/>).</param>
    public static HubConnection Create(
        Uri portal, string credential, IRetryPolicy? retryPolicy = null, Action<HttpConnectionOptions>? configure = null, ReconnectAdvice? advice = null) =>
        Create(new PortalAddresses([portal]), credential, retryPolicy, configure, advice);

    /// <summary>A connection that fails over between <paramref name="portals"/> (current node first, then in order).</summary>
    public static HubConnection Create(
        PortalAddresses portals, string credential, IRetryPolicy? retryPolicy = null, Action<HttpConnectionOptions>? configure = null, ReconnectAdvice? advice = null)
    {
        ArgumentNullException.ThrowIfNull(portals);
        var policy = retryPolicy ?? JitteredBackoffRetryPolicy.Default;
        if (advice is not null)
        {
            policy = new HintedRetryPolicy(policy, advice, JitteredBackoffRetryPolicy.BaseDelay);
        }

        var builder = new HubConnectionBuilder()
            .WithUrl(HubUri(portals.Current), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(credential);
                options.WebSocketConfiguration = socket => socket.KeepAliveInterval = TimeSpan.FromSeconds(15);
                configure?.Invoke(options);
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .WithAutomaticReconnect(policy);
        // Registered after WithUrl's own factory, so the client resolves this one.
        builder.Services.AddSingleton<IConnectionFactory>(sp => ActivatorUtilities.CreateInstance<FailoverConnectionFactory>(sp, portals));
        var connection = builder.Build();
        if (advice is not null)
        {
            // The portal is going away: keep its hint and close from this side at once (not awaited: the handler runs
            // on the receive loop StopAsync waits for). The owner's Closed handler reconnects within the hint.
            connection.On<ReconnectHint>(AgentHubMethods.Reconnect, hint =>
            {
                advice.Set(hint);
                _ = Task.Run(() => connection.StopAsync());
            });
        }

        connection.ServerTimeout = TimeSpan.FromSeconds(60);
        connection.KeepAliveInterval = TimeSpan.FromSeconds(15);
        return connection;
    }

    public static Uri HubUri(Uri portal)
    {
        var root = portal.AbsoluteUri.EndsWith('/') ? portal : new Uri(portal.AbsoluteUri + "/");
        return new Uri(root, AgentHubMethods.Path);
    }
}
