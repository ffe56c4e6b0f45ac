namespace ClientAgent.Blocking;

/// <summary>How a job got past its blocking programs: whether it had to wait, and the processes ended for it.</summary>
public sealed record BlockingOutcome(bool Waited, IReadOnlyList<RunningProcess> Ended)
{
    public static BlockingOutcome None { get; } = new(false, []);
}
