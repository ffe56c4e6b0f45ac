using System.CommandLine;

namespace ClientAgent.Cli;

/// <summary>The <c>package build|inspect|verify</c> commands.</summary>
public static class PackageCommands
{
    public static IEnumerable<Command> Create() => [];
}
