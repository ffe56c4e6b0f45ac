using System.CommandLine;

namespace ClientAgent.Cli;

/// <summary>The <c>install, uninstall, status</c> commands.</summary>
public static class InstallCommands
{
    public static IEnumerable<Command> Create() => [];
}
