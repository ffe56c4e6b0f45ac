namespace Catalog.Agents;

/// <summary>Hub methods for jobs held by blocking programs (docs/agent-link.md, "Blocked jobs").</summary>
public static class BlockingHubMethods
{
    /// <summary>
    /// agent → portal <c>Blocked(jobId, processNames)</c>: the job found these blocking programs running and changed
    /// nothing; it waits, re-checking, until they are gone (then it reports Progress again) or termination is allowed.
    /// </summary>
    public const string Blocked = "Blocked";

    /// <summary>
    /// portal → agent <c>AllowTermination(jobId)</c>: the user allows ending the programs that block the job. The agent
    /// ends only processes named in that job's own <c>BlockingProcesses</c>, whatever else is running.
    /// </summary>
    public const string AllowTermination = "AllowTermination";
}
