using System.Text.RegularExpressions;

namespace Portal.Components.SelfService;

/// <summary>
/// One line of progress people can read: the phase in words, a percentage only where it measures something, and the
/// agent's detail unless it says nothing ("Copied 0 of 0 MB" of a package without payload).
/// </summary>
public static partial class JobProgressText
{
    public static string For(string state, string? phase, int percent, string message)
    {
        if (state == "Queued")
        {
            return "Waiting for the machine…";
        }

        if (state == "Delivered")
        {
            return "Sent to the machine…";
        }

        var words = phase switch
        {
            null or "" => "Working",
            "Scripts" => "Running scripts",
            "RollingBack" => "Rolling back",
            _ => phase,
        };
        // A script is one step: its "50%" says nothing about how long it still runs.
        var showPercent = phase is not "Scripts" and not "RollingBack" && percent is > 0 and < 100;
        var text = showPercent ? $"{words} {percent}%" : words;
        var detail = Meaningful(message);
        return detail is null ? text : $"{text} — {detail}";
    }

    private static string? Meaningful(string message)
    {
        if (string.IsNullOrWhiteSpace(message) || ZeroOfZero().IsMatch(message))
        {
            return null;
        }

        return message.Trim();
    }

    [GeneratedRegex(@"\b0 of 0\b")]
    private static partial Regex ZeroOfZero();
}
