using System.Text;
using Microsoft.Extensions.Options;
using Portal.Data;

using Portal.AgentLink;

namespace Portal.Reporting;

/// <summary>
/// Drains <c>xml_outbox</c>: POSTs each event body to its receiver; a failure is recorded and retried later with
/// exponential back-off (capped at an hour), so a failing receiver never blocks jobs or loses events. Posts are claimed
/// before they are sent (<see cref="XmlOutboxRepository.ClaimDueAsync"/>), so with several portal nodes on one database
/// each event is posted by one node.
/// </summary>
public sealed partial class XmlOutboxSender(
    XmlOutboxRepository outbox,
    IHttpClientFactory httpClients,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<AgentLinkOptions> options,
    ILogger<XmlOutboxSender> logger) : BackgroundService
{
    public const string HttpClientName = "xml-events";

    /// <summary>How long a claimed post stays this sender's before another may retry it (longer than the HTTP timeout).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
                await signal.WaitAsync(options.Value.OutboxInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogDrainFailed(ex);
                await Task.Delay(options.Value.OutboxInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Sends every due message once; returns how many were delivered.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        var client = httpClients.CreateClient(HttpClientName);
        var now = time.GetUtcNow();
        foreach (var message in await outbox.ClaimDueAsync(now, now + ClaimLease, 100, cancellationToken))
        {
            try
            {
                using var content = new StringContent(message.Body, Encoding.UTF8, "application/xml");
                using var response = await client.PostAsync(message.Url, content, cancellationToken);
                response.EnsureSuccessStatusCode();
                await outbox.MarkSentAsync(message.Id, cancellationToken);
                delivered++;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException && !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, Math.Min(message.Attempts, 12))));
                await outbox.MarkFailedAsync(message.Id, $"{message.Url}: {ex.Message}", time.GetUtcNow() + delay, cancellationToken);
                LogSendFailed(message.Url, message.Attempts + 1, delay, ex.Message);
            }
        }

        return delivered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting an event to {Url} failed (attempt {Attempt}); retrying in {Delay}: {Error}")]
    private partial void LogSendFailed(string url, int attempt, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Draining the XML event outbox failed")]
    private partial void LogDrainFailed(Exception ex);
}
