using Catalog.Applications;
using Catalog.Machines;
using Catalog.Packaging;
using ClientAgent.Capture;
using ClientAgent.Engine;
using ClientAgent.Platform;

namespace ClientAgent.Tests.Capture;

/// <summary>
/// A capture root and a separate install root with the same macro (<c>%*ROOT%</c>) pointing at each, so a package
/// captured in one is installed, checked and uninstalled in the other by the real engine.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class CaptureWorkbench : IDisposable
{
    private readonly TempDirectory _dir = new();

    public CaptureWorkbench()
    {
        Directory.CreateDirectory(CaptureRoot);
        Directory.CreateDirectory(InstallRoot);
    }

    public string CaptureRoot => _dir["capture"];
    public string InstallRoot => _dir["install"];
    public string StatePath => _dir["state/capture.state"];
    public string PackagePath => _dir["out/app.pkg"];
    public AgentStateDirectory AgentState => new(_dir["agent"]);
    public List<EngineProgress> Progress { get; } = [];

    public string InCapture(string relative) => Path.Combine(CaptureRoot, relative);
    public string InInstall(string relative) => Path.Combine(InstallRoot, relative);

    /// <summary>Writes the same file under both roots (the machine as it was before the software came).</summary>
    public void Both(string relative, string content, int? mode = null, DateTime? time = null)
    {
        foreach (var root in new[] { CaptureRoot, InstallRoot })
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            if (mode is { } m)
            {
                File.SetUnixFileMode(path, (UnixFileMode)m);
            }

            if (time is { } t)
            {
                File.SetLastWriteTimeUtc(path, t);
            }
        }
    }

    public void BothDirectory(string relative, int? mode = null)
    {
        foreach (var root in new[] { CaptureRoot, InstallRoot })
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(path);
            if (mode is { } m)
            {
                File.SetUnixFileMode(path, (UnixFileMode)m);
            }
        }
    }

    /// <summary>Gives every entry of both roots the same fixed time (deepest first), so the roots read alike.</summary>
    public void SameTimes(DateTime utc)
    {
        foreach (var root in new[] { CaptureRoot, InstallRoot })
        {
            var all = Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .OrderByDescending(p => p.Length).Append(root);
            foreach (var path in all)
            {
                UnixFiles.SetModifiedTime(path, utc);
            }
        }
    }

    public async Task<IReadOnlyList<string>> StartAsync(params string[] extraRoots)
    {
        var (_, warnings) = await new CapturePackager(TimeProvider.System).StartAsync(
            [CaptureRoot, .. extraRoots], [], StatePath, MachinePlatform.Detect());
        return warnings;
    }

    public async Task<CaptureResult> FinishAsync(IEnumerable<string>? excludes = null) =>
        await new CapturePackager(TimeProvider.System).FinishAsync(new CaptureRequest
        {
            StatePath = StatePath,
            Name = "App",
            Version = "1.0",
            OutPath = PackagePath,
            Compression = CompressionChoice.Fastest,
            Excludes = [.. excludes ?? []],
            Macros = new CaptureMacros(new Dictionary<string, string> { ["*ROOT"] = CaptureRoot }),
            Platform = MachinePlatform.Detect(),
        });

    public async Task<EngineResult> InstallAsync()
    {
        using var archive = PackageReader.Open(PackagePath);
        return await new InstallEngine(AgentState).InstallAsync(
            new InstallOptions
            {
                JobId = Guid.NewGuid(),
                Package = archive,
                Macros = [],
                Answers = new Dictionary<string, string>(),
                MacroOverrides = Overrides,
                ExtraScripts = [],
            },
            new Sink(Progress),
            CancellationToken.None);
    }

    public Task<EngineResult> UninstallAsync(UninstallPolicy? policy = null) =>
        new UninstallEngine(AgentState, new LinuxProcessTerminator()).UninstallAsync(
            "App", policy ?? new UninstallPolicy(), [], new Sink(Progress), CancellationToken.None, Overrides);

    private Dictionary<string, string> Overrides => new()
    {
        ["*ROOT"] = InstallRoot,
        ["*PROGRAMS"] = InInstall("opt"),
        ["*ENVIRONMENT"] = InInstall("etc/environment.d"),
        ["*APPLICATIONS"] = InInstall("usr/share/applications"),
    };

    public void Dispose() => _dir.Dispose();

    private sealed class Sink(List<EngineProgress> sink) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }
}
