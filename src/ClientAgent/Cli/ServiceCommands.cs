using System.CommandLine;

namespace ClientAgent.Cli;

/// <summary>The <c>enroll, run</c> commands.</summary>
public static class ServiceCommands
{
    public static IEnumerable<Command> Create() => [];
}
