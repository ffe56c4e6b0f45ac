using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Catalog.Agents;
using Catalog.Applications;
using Catalog.Events;
using Catalog.Jobs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Reporting;
using Portal.Reporting.Snmp;
using Portal.Tests.Agents;

namespace Portal.Tests.Reporting;

public class SnmpTrapTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly ObjectIdentifier Enterprise = ObjectIdentifier.Parse(SnmpOptions.DefaultEnterpriseOid);
    private readonly TempDirectory _temp = new();

    private static ReportedEvent Sample() => new()
    {
        Id = 17,
        Type = EventType.DistributionSuccess,
        At = new DateTimeOffset(2026, 12, 2, 7, 30, 15, 250, TimeSpan.Zero),
        User = "alice@example.test",
        Machine = "alice-laptop",
        MachineId = Guid.Parse("0b6e6b0e-5a8f-4d2c-9a51-2c7b1d0d6f11"),
        MachineAddress = "10.0.0.7",
        ApplicationName = "Éditeur de texte",
        ApplicationId = Guid.Parse("5d1f7a4c-0c55-4b7e-8f44-0a4b0f2e9c20"),
        Version = "2.1",
        JobId = Guid.Parse("9a7c2e11-3b4d-4e5f-8a6b-7c8d9e0f1a2b"),
        Message = new string('x', 150) + " installed.",
    };

    [NetSnmpFact]
    public async Task Encode_IsByteForByteWhatNetSnmpsSnmptrapSendsForTheSameTrap()
    {
        var reported = Sample();
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        var start = new ProcessStartInfo(NetSnmpFactAttribute.Find("snmptrap")!)
        {
            ArgumentList = { "-v", "2c", "-c", "s3cret", "-m", "", $"127.0.0.1:{port}", "4242", "." + SnmpTrap.NotificationOid(Enterprise, reported.Type) },
            RedirectStandardError = true,
        };
        start.Environment["MIBS"] = "";
        for (var i = 0; i < SnmpTrap.Fields.Count; i++)
        {
            start.ArgumentList.Add("." + SnmpTrap.FieldOid(Enterprise, i));
            start.ArgumentList.Add("s");
            start.ArgumentList.Add(SnmpTrap.Fields[i].Value(reported));
        }

        using var snmptrap = Process.Start(start)!;
        var capture = (await listener.ReceiveAsync().WaitAsync(Wait)).Buffer;
        await snmptrap.WaitForExitAsync();

        var ours = SnmpTrap.Encode(reported, Enterprise, "s3cret", RequestIdOf(capture), 4242);

        Assert.Equal(Convert.ToHexString(capture), Convert.ToHexString(ours));
    }

    [NetSnmpFact]
    public async Task DistributionSuccess_ReportedByAnAgent_ReachesSnmptrapdWithEveryField()
    {
        await using var receiver = await NetSnmpTrapReceiver.StartAsync("portal-test");
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("trap-pc");
        var application = await portal.AddApplicationAsync(new Application
        {
            Name = "Editor",
            Version = "2.1",
            Package = await portal.AddPackageAsync([1, 2, 3, 4]),
            Reporting = new ReportingPolicy
            {
                Routes = new Dictionary<EventType, ReportingDestinations>
                {
                    [EventType.DistributionSuccess] = ReportingDestinations.Database | ReportingDestinations.Snmp,
                },
                SnmpTarget = $"127.0.0.1:{receiver.Port}",
                SnmpCommunity = "portal-test",
            },
        });
        var jobId = Assert.Single(await portal.InstallAsync(await portal.MachineAsync(agent.MachineId), application,
            new Dictionary<string, string> { ["TARGET"] = "/opt" })).Id;
        await using var connection = portal.CreateHubConnection(agent.Credential);
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JobMessage>(AgentHubMethods.RunJob, _ => delivered.TrySetResult());
        await connection.StartAsync();
        await delivered.Task.WaitAsync(Wait);

        await connection.InvokeAsync(AgentHubMethods.Ack, jobId);
        await connection.InvokeAsync(AgentHubMethods.Completed, jobId, JobState.Succeeded, "Editor 2.1 installed.");

        var reported = Assert.Single(await portal.EventsOfMachineAsync(agent.MachineId));
        var log = await receiver.WaitForAsync($".1.3.6.1.4.1.32473.1.1.11 = STRING: \"Editor 2.1 installed.\"");
        Assert.Contains(".1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.4.1.32473.1.0.1", log);
        for (var i = 0; i < SnmpTrap.Fields.Count; i++)
        {
            var value = SnmpTrap.Fields[i].Value(reported);
            Assert.Contains(value.Length == 0 ? $".1.3.6.1.4.1.32473.1.1.{i + 1} = \"\"" : $".1.3.6.1.4.1.32473.1.1.{i + 1} = STRING: \"{value}\"", log);
        }

        Assert.Equal("trap-pc", reported.Machine);
        Assert.Equal(jobId, reported.JobId);
    }

    [Fact]
    public async Task AReceiverThatCannotBeResolved_LosesNoEventAndHoldsNothingUp()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var sender = new SnmpTrapSender(Options.Create(new SnmpOptions { ResolveTimeout = TimeSpan.FromSeconds(2) }), NullLogger<SnmpTrapSender>.Instance);

        var sent = await sender.SendAsync(new SnmpTrapTarget("no-such-receiver.invalid", 162), null, Sample(), CancellationToken.None);
        var recorded = await portal.Get<EventReporter>().ReportAsync(
            Sample() with { Id = 0 },
            new ReportingPolicy
            {
                Routes = new Dictionary<EventType, ReportingDestinations> { [EventType.DistributionSuccess] = ReportingDestinations.Snmp },
                SnmpTarget = "no-such-receiver.invalid",
            },
            CancellationToken.None);

        Assert.False(sent);
        Assert.True(recorded.Id > 0);
        Assert.Equal("Éditeur de texte", Assert.Single(await portal.Get<Portal.Data.ReportedEventRepository>().QueryAsync(
            new Portal.Data.EventQuery(), CancellationToken.None)).ApplicationName);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>The request-id of an SNMPv2c message: SEQUENCE { version, community, [7] { request-id, … } }.</summary>
    private static int RequestIdOf(byte[] message)
    {
        var offset = 0;
        Enter(message, ref offset, 0x30);
        Skip(message, ref offset);
        Skip(message, ref offset);
        Enter(message, ref offset, 0xA7);
        Assert.Equal(0x02, message[offset]);
        var length = ReadLength(message, ref offset);
        var value = (message[offset] & 0x80) != 0 ? -1 : 0;
        for (var i = 0; i < length; i++)
        {
            value = (value << 8) | message[offset + i];
        }

        return value;
    }

    private static void Enter(byte[] message, ref int offset, byte tag)
    {
        Assert.Equal(tag, message[offset]);
        ReadLength(message, ref offset);
    }

    private static void Skip(byte[] message, ref int offset)
    {
        var length = ReadLength(message, ref offset);
        offset += length;
    }

    /// <summary>Reads the tag at <paramref name="offset"/> and its length; leaves the offset at the content.</summary>
    private static int ReadLength(byte[] message, ref int offset)
    {
        offset++;
        int first = message[offset++];
        if (first < 0x80)
        {
            return first;
        }

        var length = 0;
        for (var i = 0; i < (first & 0x7F); i++)
        {
            length = (length << 8) | message[offset++];
        }

        return length;
    }
}
