using System.Text.RegularExpressions;

namespace ClientAgent.Service;

/// <summary>One interrupted journal the engine resolved at start-up: which job it belonged to, and whether it was rolled
/// back (true) or found committed and finished (false).</summary>
public sealed partial record RecoveredJob(string Description, Guid? JobId, bool RolledBack)
{
    /// <summary>
    /// Adapter over <see cref="Engine.RecoveryService"/>'s text lines ("Rolled back the interrupted Install of X (job
    /// &lt;id&gt;)", "Finished the interrupted …"), until the engine returns the job id per journal itself.
    /// </summary>
    public static RecoveredJob FromLine(string line)
    {
        var match = JobIdPattern().Match(line);
        Guid? jobId = match.Success && Guid.TryParse(match.Groups[1].Value, out var id) ? id : null;
        return new RecoveredJob(line, jobId, !line.StartsWith("Finished", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\(job ([0-9a-fA-F-]{36})\)\s*$")]
    private static partial Regex JobIdPattern();
}
