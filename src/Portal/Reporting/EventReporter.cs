using Catalog.Events;
using Portal.Data;
using Portal.Reporting.Snmp;

namespace Portal.Reporting;

/// <summary>
/// Records an event in the database (always), and where the application's <see cref="ReportingPolicy"/> routes it, in
/// a text log, in the XML outbox (sent by <see cref="XmlOutboxSender"/>, so a slow receiver never blocks a job) and as
/// an SNMPv2c trap (<see cref="SnmpTrapSender"/>; UDP, unacknowledged, so it is sent once, here).
/// </summary>
public sealed class EventReporter(
    ReportedEventRepository events,
    XmlOutboxRepository outbox,
    TextEventLog textLog,
    TimeProvider time,
    OutboxSignal signal,
    SnmpTrapSender snmp,
    ILogger<EventReporter> logger)
{
    public async Task<ReportedEvent> ReportAsync(ReportedEvent reported, ReportingPolicy? policy, CancellationToken cancellationToken)
    {
        var id = await events.AddAsync(reported, cancellationToken);
        reported = reported with { Id = id };
        if (policy is null || !policy.Routes.TryGetValue(reported.Type, out var destinations))
        {
            return reported;
        }

        if (destinations.HasFlag(ReportingDestinations.TextLog) && !string.IsNullOrWhiteSpace(policy.LogFilePath))
        {
            try
            {
                await textLog.AppendAsync(policy.LogFilePath, reported, cancellationToken);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Event {EventType} could not be written to the text log {Path}", reported.Type, policy.LogFilePath);
            }
            catch (UnauthorizedAccessException ex)
            {
                logger.LogWarning(ex, "Event {EventType} could not be written to the text log {Path}", reported.Type, policy.LogFilePath);
            }
        }

        if (destinations.HasFlag(ReportingDestinations.XmlHttp) && !string.IsNullOrWhiteSpace(policy.XmlUrl))
        {
            await outbox.EnqueueAsync(policy.XmlUrl, XmlEventFormat.Format(reported), time.GetUtcNow(), cancellationToken);
            signal.Wake();
        }

        if (destinations.HasFlag(ReportingDestinations.Snmp) && SnmpTrapTarget.Parse(policy.SnmpTarget) is { } target)
        {
            await snmp.SendAsync(target, policy.SnmpCommunity, reported, cancellationToken);
        }

        return reported;
    }
}
