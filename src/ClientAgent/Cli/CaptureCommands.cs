using System.CommandLine;

namespace ClientAgent.Cli;

/// <summary>The <c>capture start|finish</c> commands.</summary>
public static class CaptureCommands
{
    public static IEnumerable<Command> Create() => [];
}
