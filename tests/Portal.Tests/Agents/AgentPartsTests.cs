using ClientAgent.Connection;
using ClientAgent.Service;
using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.Tests.Agents;

/// <summary>The agent's small parts on real files: inventory parsing, usage from a /proc-like tree, back-off bounds.</summary>
public sealed class AgentPartsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void UsageMonitor_SeesAnApplicationByCommOrExecutableName()
    {
        var proc = _temp.Sub("proc");
        WriteProcess(proc, 101, comm: "bash", cmdline: "/bin/bash\0-l\0");
        WriteProcess(proc, 202, comm: "java", cmdline: "/opt/editor/bin/editor-main\0--file\0x\0");
        Directory.CreateDirectory(Path.Combine(proc, "self"));
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var editor = Guid.NewGuid();
        var viewer = Guid.NewGuid();
        var monitor = new UsageMonitor(clock, proc);

        var seen = monitor.Scan(new Dictionary<Guid, IReadOnlyList<string>> { [editor] = ["editor-main"], [viewer] = ["viewer"] });
        clock.Advance(TimeSpan.FromHours(1));
        Directory.Delete(Path.Combine(proc, "202"), recursive: true);
        var later = monitor.Scan(new Dictionary<Guid, IReadOnlyList<string>> { [editor] = ["editor-main"], [viewer] = ["viewer"] });

        Assert.Equal(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero), seen[editor]);
        Assert.False(seen.ContainsKey(viewer));
        Assert.Equal(seen[editor], later[editor]);
    }

    [Fact]
    public async Task InventoryParsers_ReadOsReleaseMeminfoAndPackageLines()
    {
        var osRelease = _temp.Sub("os-release");
        await File.WriteAllTextAsync(osRelease, "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");
        var meminfo = _temp.Sub("meminfo");
        await File.WriteAllTextAsync(meminfo, "MemTotal:        8152436 kB\nMemFree:          412000 kB\n");

        var (version, id) = InventoryCollector.ReadOsRelease(osRelease);
        var memory = InventoryCollector.ReadMemoryMb(meminfo);
        var software = InventoryCollector.ParseLines("curl\t7.88.1-10\tDebian Curl Maintainers\nlibc6\t2.36-9\t\n", "dpkg");

        Assert.Equal(("12", "debian"), (version, id));
        Assert.Equal(7961, memory);
        Assert.Equal(2, software.Count);
        Assert.Equal(("curl", "7.88.1-10", "Debian Curl Maintainers"), (software[0].Name, software[0].Version, software[0].Publisher));
        Assert.Null(software[1].Publisher);
    }

    [Fact]
    public void RealVolumes_SkipPseudoFilesystems()
    {
        var mounts = _temp.Sub("mounts");
        File.WriteAllText(mounts, "proc /proc proc rw 0 0\ntmpfs /run tmpfs rw 0 0\n/dev/sda1 / ext4 rw 0 0\n");

        var volumes = InventoryCollector.ReadVolumes(mounts);

        Assert.Equal("/", Assert.Single(volumes).Name);
    }

    [Fact]
    public void RetryPolicy_GrowsExponentiallyWithFullJitterAndIsCapped()
    {
        var policy = new JitteredBackoffRetryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(7));

        var delays = Enumerable.Range(0, 40).Select(n => policy.NextRetryDelay(new RetryContext { PreviousRetryCount = n })!.Value).ToList();

        Assert.All(delays.Take(3).Select((d, n) => (d, n)), x => Assert.InRange(x.d, TimeSpan.Zero, TimeSpan.FromSeconds(Math.Pow(2, x.n))));
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(30)));
        Assert.True(delays.Skip(10).Max() > TimeSpan.FromSeconds(8), "later retries wait longer than early ones");
        Assert.True(delays.Skip(10).Distinct().Count() > 20, "the delays are jittered, not fixed");
    }

    private static void WriteProcess(string proc, int pid, string comm, string cmdline)
    {
        var directory = Path.Combine(proc, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "comm"), comm + "\n");
        File.WriteAllText(Path.Combine(directory, "cmdline"), cmdline);
    }

    public void Dispose() => _temp.Dispose();
}
