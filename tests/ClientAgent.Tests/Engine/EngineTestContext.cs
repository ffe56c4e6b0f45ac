using Catalog.Applications;
using Catalog.Macros;
using Catalog.Packaging;
using ClientAgent.Engine;
using ClientAgent.Platform;

namespace ClientAgent.Tests.Engine;

/// <summary>A temp directory with a state dir and a target tree; special macros point into the tree.</summary>
internal sealed class EngineTestContext : IDisposable
{
    private int _packages;

    public EngineTestContext()
    {
        Root = Path.Combine(Path.GetTempPath(), "engine-tests-" + Guid.NewGuid().ToString("N"));
        Tree = Path.Combine(Root, "tree");
        Directory.CreateDirectory(Tree);
        State = new AgentStateDirectory(Path.Combine(Root, "state"));
        Overrides = new Dictionary<string, string>
        {
            ["*PROGRAMS"] = Path.Combine(Tree, "programs"),
            ["*ENVIRONMENT"] = Path.Combine(Tree, "environment.d"),
            ["*APPLICATIONS"] = Path.Combine(Tree, "applications"),
        };
    }

    public string Root { get; }
    public string Tree { get; }
    public AgentStateDirectory State { get; }
    public Dictionary<string, string> Overrides { get; }
    public List<EngineProgress> Progress { get; } = [];

    public string InTree(string relative) => Path.Combine(Tree, relative);

    public TestPackageBuilder NewPackage(string name = "Editor", string version = "1.0") =>
        new(Path.Combine(Root, "packages", $"p{++_packages}"), name, version);

    public Task<EngineResult> InstallAsync(
        IPackageContent package,
        CancellationToken cancellationToken = default,
        IReadOnlyList<MacroDefinition>? macros = null,
        IReadOnlyDictionary<string, string>? answers = null,
        IReadOnlyList<ApplicationScript>? extraScripts = null,
        Guid? jobId = null) =>
        new InstallEngine(State).InstallAsync(
            new InstallOptions
            {
                JobId = jobId ?? Guid.NewGuid(),
                Package = package,
                Macros = macros ?? [],
                Answers = answers ?? new Dictionary<string, string>(),
                MacroOverrides = Overrides,
                ExtraScripts = extraScripts ?? [],
            },
            new SynchronousProgress(Progress),
            cancellationToken);

    public Task<EngineResult> UninstallAsync(
        string name,
        UninstallPolicy? policy = null,
        IReadOnlyList<ApplicationScript>? extraScripts = null,
        IProcessTerminator? terminator = null) =>
        new UninstallEngine(State, terminator ?? new LinuxProcessTerminator()).UninstallAsync(
            name, policy ?? new UninstallPolicy(), extraScripts ?? [], new SynchronousProgress(Progress), CancellationToken.None, Overrides);

    public bool JournalIsEmpty => !Directory.Exists(State.Journal) || !Directory.EnumerateFileSystemEntries(State.Journal).Any();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may still hold a file for a moment; the temp dir is cleaned by the OS later.
        }
    }

    private sealed class SynchronousProgress(List<EngineProgress> sink) : IProgress<EngineProgress>
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
