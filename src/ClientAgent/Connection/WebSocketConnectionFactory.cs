using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;

namespace ClientAgent.Connection;

/// <summary>
/// The SignalR client's transport: a WebSocket straight to the hub URL (no <c>/negotiate</c>), exposed as a
/// <see cref="ConnectionContext"/>. Replaces Microsoft.AspNetCore.Http.Connections.Client, which the mirror lacks.
/// </summary>
public sealed class WebSocketConnectionFactory(WebSocketOpener open) : IConnectionFactory
{
    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not UriEndPoint uriEndPoint)
        {
            throw new NotSupportedException($"The agent connects to a URI, not to '{endpoint}'.");
        }

        var socket = await open(ToWebSocketUri(uriEndPoint.Uri), cancellationToken);
        var connection = new WebSocketConnectionContext(socket);
        connection.Start();
        return connection;
    }

    /// <summary>http → ws, https → wss; ws(s) stays as it is.</summary>
    public static Uri ToWebSocketUri(Uri uri)
    {
        var builder = new UriBuilder(uri);
        builder.Scheme = uri.Scheme switch
        {
            "http" => "ws",
            "https" => "wss",
            "ws" or "wss" => uri.Scheme,
            _ => throw new NotSupportedException($"The hub address '{uri}' must be http(s) or ws(s)."),
        };
        return builder.Uri;
    }

    /// <summary>The real agent's opener: a <see cref="ClientWebSocket"/> with <c>Authorization: Bearer &lt;credential&gt;</c>.</summary>
    public static WebSocketOpener ClientWebSocketOpener(string credential) => async (uri, cancellationToken) =>
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {credential}");
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(15);
        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };
}
