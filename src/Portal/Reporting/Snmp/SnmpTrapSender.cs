using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Catalog.Events;
using Microsoft.Extensions.Options;

namespace Portal.Reporting.Snmp;

/// <summary>
/// Sends an event as an SNMPv2c trap over UDP. A trap is unacknowledged by design: a receiver that is down or a
/// name that does not resolve is logged and the event stays in the database, the job is never held up.
/// </summary>
public sealed class SnmpTrapSender(IOptions<SnmpOptions> options, ILogger<SnmpTrapSender> logger)
{
    private readonly Stopwatch _upTime = Stopwatch.StartNew();
    private readonly ObjectIdentifier _enterprise = ObjectIdentifier.Parse(options.Value.EnterpriseOid);
    private int _requestId = Random.Shared.Next();

    public ObjectIdentifier Enterprise => _enterprise;

    /// <summary>Sends the trap; returns whether it left this machine (false when the target could not be used).</summary>
    public async Task<bool> SendAsync(SnmpTrapTarget target, string? community, ReportedEvent reported, CancellationToken cancellationToken)
    {
        try
        {
            var address = await ResolveAsync(target.Host, cancellationToken);
            var datagram = SnmpTrap.Encode(
                reported,
                _enterprise,
                string.IsNullOrEmpty(community) ? "public" : community,
                Interlocked.Increment(ref _requestId) & int.MaxValue,
                (uint)(_upTime.ElapsedMilliseconds / 10 % ((long)uint.MaxValue + 1)));
            using var client = new UdpClient(address.AddressFamily);
            await client.SendAsync(datagram, new IPEndPoint(address, target.Port), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Event {EventType} could not be sent as an SNMP trap to {Target}", reported.Type, target);
            return false;
        }
    }

    private async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ResolveTimeout);
        var addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
    }
}
