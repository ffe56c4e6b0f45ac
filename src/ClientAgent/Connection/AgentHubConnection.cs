using System.Net;
using System.Text.Json.Serialization;
using Catalog.Agents;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ClientAgent.Connection;

/// <summary>Builds the agent's <see cref="HubConnection"/> to <c>&lt;portal&gt;/hubs/agent</c> over <see cref="WebSocketConnectionFactory"/>.</summary>
public static class AgentHubConnection
{
    public static HubConnection Create(Uri portal, WebSocketOpener open, IRetryPolicy? retryPolicy = null)
    {
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton<IConnectionFactory>(new WebSocketConnectionFactory(open));
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(HubUri(portal)));
        builder.AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.WithAutomaticReconnect(retryPolicy ?? JitteredBackoffRetryPolicy.Default);
        var connection = builder.Build();
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
