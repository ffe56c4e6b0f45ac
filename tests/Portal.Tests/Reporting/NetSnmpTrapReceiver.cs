using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Tests.Reporting;

/// <summary>
/// Debian's net-snmp <c>snmptrapd</c> listening on a free loopback UDP port, logging every trap it receives with
/// numeric object identifiers to a file the test reads.
/// </summary>
public sealed class NetSnmpTrapReceiver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NetSnmpTrapReceiver(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string LogPath => Path.Combine(_directory, "traps.log");

    public static async Task<NetSnmpTrapReceiver> StartAsync(string community)
    {
        var directory = Directory.CreateTempSubdirectory("snmptrapd-").FullName;
        var port = FreeUdpPort();
        var configuration = Path.Combine(directory, "snmptrapd.conf");
        await File.WriteAllTextAsync(configuration, $"authCommunity log {community}\n");
        var start = new ProcessStartInfo(NetSnmpFactAttribute.Find("snmptrapd")!)
        {
            ArgumentList = { "-f", "-C", "-c", configuration, "-On", "-n", "-m", "", "-M", directory, "-Lf", Path.Combine(directory, "traps.log"), $"udp:127.0.0.1:{port}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["MIBS"] = "";
        var process = Process.Start(start)!;
        var receiver = new NetSnmpTrapReceiver(process, directory, port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!receiver.Log().Contains("NET-SNMP version", StringComparison.Ordinal))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"snmptrapd exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()} {receiver.Log()}");
            }

            await Task.Delay(50, timeout.Token);
        }

        return receiver;
    }

    public string Log()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }

    public async Task<string> WaitForAsync(string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!Log().Contains(text, StringComparison.Ordinal))
        {
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"snmptrapd did not log '{text}'. Its log:\n{Log()}");
            }
        }

        return Log();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }
}
