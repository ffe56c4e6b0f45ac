namespace Portal.BrowserTests.Infrastructure;

public enum ViewportKind
{
    /// <summary>1366×800, a common laptop screen.</summary>
    Desktop,

    /// <summary>390×844, a current phone in portrait.</summary>
    Phone,
}
