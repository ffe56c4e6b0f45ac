namespace ClientAgent.Cli;

/// <summary>Entry point of the <c>clientagent</c> command line.</summary>
public static class AgentCommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("clientagent: no command given");
        return Task.FromResult(args.Length == 0 ? 1 : 2);
    }
}
