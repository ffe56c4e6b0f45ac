using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClientAgent.Connection;

/// <summary>
/// The SignalR client's transport factory with failover: every (re)connect tries the current portal node first and
/// then the others in order, over the official <see cref="HttpConnectionFactory"/>; the first node that accepts
/// becomes current. Between rounds the client's jittered back-off applies, so a dead node costs one failed attempt.
/// </summary>
internal sealed class FailoverConnectionFactory(PortalAddresses portals, IOptions<HttpConnectionOptions> options, ILoggerFactory loggers)
    : IConnectionFactory
{
    private readonly HttpConnectionFactory _http = new(options, loggers);

    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        // The official factory refuses an endpoint other than the configured URL; here the URL is chosen per attempt.
        // Cleared only now: the client derived its own endpoint from the URL while it was being built.
        options.Value.Url = null;
        List<Exception> failures = [];
        foreach (var portal in portals.InFailoverOrder())
        {
            try
            {
                var connection = await _http.ConnectAsync(new UriEndPoint(AgentHubConnection.HubUri(portal)), cancellationToken);
                portals.MarkCurrent(portal);
                return connection;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add(new InvalidOperationException($"{portal}: {ex.Message}", ex));
            }
        }

        throw failures.Count == 1
            ? failures[0]
            : new AggregateException($"No portal node accepted the connection ({string.Join("; ", failures.Select(f => f.Message))})", failures);
    }
}
