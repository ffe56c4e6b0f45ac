using System.CommandLine;
using Catalog.Packaging;
using ClientAgent.Capture;
using ClientAgent.Engine;

namespace ClientAgent.Cli;

/// <summary>The <c>capture start|finish</c> commands (the snapshot packager; logic in <see cref="CapturePackager"/>).</summary>
public static class CaptureCommands
{
    public static IEnumerable<Command> Create()
    {
        var capture = new Command("capture", "Package what an installation changes: snapshot before, install by hand, snapshot after");
        capture.Subcommands.Add(CreateStart());
        capture.Subcommands.Add(CreateFinish());
        yield return capture;
    }

    private static Option<DirectoryInfo> StateDirOption() =>
        new("--state-dir") { Description = "The agent's state directory (default state file: <state-dir>/capture.state)" };

    private static Option<FileInfo> StateFileOption() => new("--state") { Description = "Capture state file" };

    private static Option<string[]> ExcludeOption() => new("--exclude")
    {
        Description = "Glob of paths to leave out (* within a name, ** across directories, ? one character); repeatable",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static Option<string[]> MacroOption() => new("--macro")
    {
        Description = "Special macro value NAME=VALUE used to write paths as macros (e.g. *PROGRAMS=/opt); repeatable",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static Command CreateStart()
    {
        var roots = new Option<string[]>("--root") { Description = "Directory tree to watch; repeatable", Required = true, Arity = ArgumentArity.OneOrMore };
        var excludes = ExcludeOption();
        var state = StateFileOption();
        var stateDir = StateDirOption();
        var command = new Command("start", "Record the state of the given trees before an installation") { roots, excludes, state, stateDir };
        command.SetAction((parseResult, cancellationToken) => CommandBody.RunAsync(parseResult, async () =>
        {
            var statePath = StatePath(parseResult.GetValue(state), parseResult.GetValue(stateDir));
            var (count, warnings) = await new CapturePackager(TimeProvider.System).StartAsync(
                parseResult.GetValue(roots) ?? [], parseResult.GetValue(excludes) ?? [], statePath, MachinePlatform.Detect(), cancellationToken);
            foreach (var warning in warnings)
            {
                await parseResult.InvocationConfiguration.Output.WriteLineAsync(warning);
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                $"Recorded {count} paths in {statePath}; install the software, then run 'capture finish'");
        }));
        return command;
    }

    private static Command CreateFinish()
    {
        var state = StateFileOption();
        var stateDir = StateDirOption();
        var name = new Option<string>("--name") { Description = "Application name", Required = true };
        var version = new Option<string>("--version") { Description = "Application version", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Package file to write", Required = true };
        var compression = new Option<CompressionChoice>("--compression")
        {
            Description = "None, Fastest, Balanced or Smallest",
            DefaultValueFactory = _ => CompressionChoice.Balanced,
        };
        var excludes = ExcludeOption();
        var macros = MacroOption();
        var command = new Command("finish", "Package everything that changed since 'capture start'")
        {
            state, stateDir, name, version, output, compression, excludes, macros,
        };
        command.SetAction((parseResult, cancellationToken) => CommandBody.RunAsync(parseResult, async () =>
        {
            var request = new CaptureRequest
            {
                StatePath = StatePath(parseResult.GetValue(state), parseResult.GetValue(stateDir)),
                Name = parseResult.GetValue(name)!,
                Version = parseResult.GetValue(version)!,
                OutPath = parseResult.GetValue(output)!.FullName,
                Compression = parseResult.GetValue(compression),
                Excludes = parseResult.GetValue(excludes) ?? [],
                Macros = CaptureMacros.Create(parseResult.GetValue(macros) ?? [], parseResult.GetValue(stateDir)?.FullName),
                Platform = MachinePlatform.Detect(),
            };
            var result = await new CapturePackager(TimeProvider.System).FinishAsync(request, cancellationToken);
            var writer = parseResult.InvocationConfiguration.Output;
            foreach (var warning in result.Warnings)
            {
                await writer.WriteLineAsync(warning);
            }

            var m = result.Package.Manifest;
            await writer.WriteLineAsync(
                $"Captured '{m.Name} {m.Version}' into {result.Package.Path}: {m.Files.Count} files, {m.Links.Count} links, {m.Directories.Count} directories, " +
                $"{m.Settings.Count} settings, {m.EnvironmentVariables.Count} environment variables, {m.Deletions.Count} deletions");
            await writer.WriteLineAsync($"sha256: {result.Package.Sha256}");
        }));
        return command;
    }

    /// <summary>The state file: --state, else capture.state in --state-dir, else in the agent's default state directory.</summary>
    internal static string StatePath(FileInfo? state, DirectoryInfo? stateDir)
    {
        if (state is not null)
        {
            return state.FullName;
        }

        return Path.Combine(stateDir?.FullName ?? AgentStateDirectory.DefaultRoot, "capture.state");
    }
}
