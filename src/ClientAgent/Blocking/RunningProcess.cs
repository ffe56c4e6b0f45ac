namespace ClientAgent.Blocking;

/// <summary>
/// A process found running under a blocking name, with what it takes to start it again as it was: owner, executable,
/// arguments, working directory and environment (read from <c>/proc/&lt;pid&gt;</c> before it is ended).
/// </summary>
public sealed record RunningProcess
{
    public required int Pid { get; init; }
    /// <summary>The blocking name it matched.</summary>
    public required string Name { get; init; }
    /// <summary>Field 22 of <c>/proc/&lt;pid&gt;/stat</c>: tells this process from a later one that reuses the pid.</summary>
    public required long StartTicks { get; init; }
    public int Uid { get; init; } = -1;
    public int Gid { get; init; } = -1;
    /// <summary>Target of <c>/proc/&lt;pid&gt;/exe</c>; null when unreadable or the file was deleted/replaced.</summary>
    public string? Executable { get; init; }
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string Description => $"{Name} (pid {Pid})";
}
