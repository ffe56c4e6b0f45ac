using System.Net.WebSockets;

namespace ClientAgent.Connection;

/// <summary>
/// Opens a connected WebSocket to <paramref name="uri"/>. The agent uses a <see cref="ClientWebSocket"/> carrying its
/// credential; tests pass <c>TestServer.CreateWebSocketClient().ConnectAsync</c>.
/// </summary>
public delegate Task<WebSocket> WebSocketOpener(Uri uri, CancellationToken cancellationToken);
