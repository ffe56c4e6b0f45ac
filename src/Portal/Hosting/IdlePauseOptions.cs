namespace Portal.Hosting;

/// <summary>
/// When a page nobody uses gives up its circuit (<c>Portal:IdlePause</c>). A paused page keeps what it shows; its
/// circuit's state (the chosen machine, the search, the view) goes to the browser with .NET's circuit pause, and the
/// portal holds nothing for it until the user comes back, when the page resumes and reads its data again.
/// <c>wwwroot/js/portal.js</c> applies the two limits; zero turns one off. See docs/portal.md, "Idle pages".
/// </summary>
public sealed class IdlePauseOptions
{
    public const string SectionName = "Portal:IdlePause";

    /// <summary>The longest either limit may be: a page left for longer than a day is not idle, it is forgotten.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>A page in a tab nobody looks at (another tab, a minimised window, a locked screen) pauses after this long.</summary>
    public TimeSpan Hidden { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A visible page without a key press, click, touch, scroll or pointer movement pauses after this long, unless it
    /// shows work under way (an install running, a request waiting for the helpdesk) that it would otherwise update live.
    /// </summary>
    public TimeSpan Idle { get; set; } = TimeSpan.FromMinutes(5);
}
