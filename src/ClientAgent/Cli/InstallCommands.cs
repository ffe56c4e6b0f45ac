using System.CommandLine;
using Catalog.Applications;
using Catalog.Packaging;
using ClientAgent.Engine;
using ClientAgent.Platform;

namespace ClientAgent.Cli;

/// <summary>
/// The <c>install FILE</c>, <c>uninstall NAME</c> and <c>status</c> commands. Each resolves journals left by a crash
/// first (as does every command with <c>--state-dir</c> at start, see <see cref="RecoverAtStartAsync"/>). Exit codes: 0 success, 1 refused or failed (nothing changed), 2 failed and rolled back.
/// </summary>
public static class InstallCommands
{
    public static IEnumerable<Command> Create() => [Install(), Uninstall(), Status()];

    public static Option<string> StateDirOption() => new("--state-dir")
    {
        Description = "Agent state directory (receipts, journal, cache); default /var/lib/clientagent as root, else ~/.local/share/clientagent",
        DefaultValueFactory = _ => AgentStateDirectory.DefaultRoot,
    };

    private static Option<string[]> PairsOption(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
    };

    private static Command Install()
    {
        var file = new Argument<string>("FILE") { Description = "Package file (.zip) or unpacked package directory" };
        var stateDir = StateDirOption();
        var answers = PairsOption("--answer", "Answer to a prompted macro, NAME=VALUE (repeatable)");
        var macros = PairsOption("--macro", "Override a macro, special ones included (e.g. *PROGRAMS=/tmp/x), NAME=VALUE (repeatable)");
        var command = new Command("install", "Install a package on this machine (journaled; rolled back on failure)")
        {
            file, stateDir, answers, macros,
        };
        command.SetAction(async (parse, cancellationToken) => await RunAsync(parse, async () =>
        {
            var state = new AgentStateDirectory(parse.GetValue(stateDir)!);
            using var package = OpenPackage(parse.GetValue(file)!);
            var options = new InstallOptions
            {
                Package = package.Content,
                Answers = Pairs(parse.GetValue(answers), "--answer"),
                MacroOverrides = Pairs(parse.GetValue(macros), "--macro"),
            };
            return await new InstallEngine(state).InstallAsync(options, new ConsoleProgress(parse.InvocationConfiguration.Output), cancellationToken);
        }));
        return command;
    }

    private static Command Uninstall()
    {
        var name = new Argument<string>("NAME") { Description = "Installed application name (or application id)" };
        var stateDir = StateDirOption();
        var macros = PairsOption("--macro", "Override a macro, NAME=VALUE (repeatable)");
        var command = new Command("uninstall", "Remove what an install created and restore what it changed") { name, stateDir, macros };
        command.SetAction(async (parse, cancellationToken) => await RunAsync(parse, async () =>
        {
            var state = new AgentStateDirectory(parse.GetValue(stateDir)!);
            var policy = new UninstallPolicy();
            return await new UninstallEngine(state).UninstallAsync(
                parse.GetValue(name)!, policy, [], new ConsoleProgress(parse.InvocationConfiguration.Output), cancellationToken, Pairs(parse.GetValue(macros), "--macro"));
        }));
        return command;
    }

    private static Command Status()
    {
        var stateDir = StateDirOption();
        var command = new Command("status", "Recover interrupted jobs, then list installed applications") { stateDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var state = new AgentStateDirectory(parse.GetValue(stateDir)!);
                var output = parse.InvocationConfiguration.Output;
                foreach (var recovered in await new RecoveryService(state).RecoverAsync(cancellationToken))
                {
                    await output.WriteLineAsync(recovered.Summary);
                }

                var receipts = new ReceiptStore(state).List();
                if (receipts.Count == 0)
                {
                    await output.WriteLineAsync("No applications installed.");
                }

                foreach (var receipt in receipts)
                {
                    await output.WriteLineAsync($"{receipt.Name}\t{receipt.Version}\t{receipt.InstalledAt:yyyy-MM-dd HH:mm:ss}Z\t{receipt.Files.Count} files");
                }

                return 0;
            }
            catch (Exception exception) when (exception is EngineFailureException or PackageFormatException or IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(exception.Message);
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// Run before any command that takes <c>--state-dir</c>: journals a crash left behind in an existing state directory
    /// are rolled back (or finished) first, each reported as one line on stderr (<c>status</c> does it itself, on stdout).
    /// Never stops the command itself.
    /// </summary>
    public static async Task RecoverAtStartAsync(ParseResult parse)
    {
        if (parse.Errors.Count > 0
            || parse.CommandResult.Command.Name == "status"
            || parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--state-dir") is not Option<string> option
            || parse.GetValue(option) is not { } root
            || !Directory.Exists(Path.Combine(root, "journal")))
        {
            return;
        }

        try
        {
            foreach (var recovered in await new RecoveryService(new AgentStateDirectory(root)).RecoverAsync())
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(recovered.Summary);
            }
        }
        catch (Exception exception) when (exception is EngineFailureException or IOException or UnauthorizedAccessException)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"Recovery of interrupted jobs in {root} failed: {exception.Message}");
        }
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<Task<EngineResult>> action)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            var result = await action();
            if (result.Succeeded)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(result.Message);
                return 0;
            }

            await error.WriteLineAsync(OneLine(result.Message));
            return result.Outcome == EngineOutcome.RolledBack ? 2 : 1;
        }
        catch (Exception exception) when (exception is EngineFailureException or PackageFormatException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await error.WriteLineAsync(OneLine(exception.Message));
            return 1;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    private static OpenedPackage OpenPackage(string path)
    {
        if (Directory.Exists(path))
        {
            return new OpenedPackage(UnpackedPackage.Open(path), null);
        }

        var archive = PackageReader.Open(path, new PackagePlatform(HostPlatform.CurrentOsFamily, ""));
        return new OpenedPackage(archive, archive);
    }

    internal static Dictionary<string, string> Pairs(string[]? values, string option)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=');
            if (equals <= 0)
            {
                throw new EngineFailureException($"{option} expects NAME=VALUE, got \"{value}\".");
            }

            pairs[value[..equals]] = value[(equals + 1)..];
        }

        return pairs;
    }
}
