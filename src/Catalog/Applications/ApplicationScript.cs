namespace Catalog.Applications;

/// <summary>A script run around install or uninstall.</summary>
public sealed record ApplicationScript
{
    public required ScriptStage Stage { get; init; }
    /// <summary>Interpreter, e.g. <c>/bin/sh</c>.</summary>
    public string Engine { get; init; } = "/bin/sh";
    /// <summary>Extension of the temporary script file, e.g. <c>.sh</c>.</summary>
    public string Extension { get; init; } = ".sh";
    public required string Body { get; init; }
    public int TimeoutSeconds { get; init; } = 300;
}
