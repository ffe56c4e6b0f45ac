using System.CommandLine;

namespace ClientAgent.Cli;

/// <summary>Entry point of the <c>clientagent</c> command line: each area contributes its commands.</summary>
public static class AgentCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("clientagent: the self-service portal's client agent");
        foreach (var command in PackageCommands.Create()
                     .Concat(CaptureCommands.Create())
                     .Concat(InstallCommands.Create())
                     .Concat(ServiceCommands.Create()))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parseResult = Build().Parse(args);
        await InstallCommands.RecoverAtStartAsync(parseResult);
        return await parseResult.InvokeAsync();
    }
}
