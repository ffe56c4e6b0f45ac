namespace Catalog.Macros;

/// <summary>
/// A folder prompt: the user names the folder to install into, confined to the administrator's
/// <see cref="AllowedParents"/>. A relative answer is a folder under the first allowed parent. The answer must end up
/// strictly inside one allowed parent after macro expansion; the agent checks it again on the real file system.
/// </summary>
public sealed record PromptedFolderMacro : PromptedMacro
{
    /// <summary>The folder used when the user gives no answer (macros allowed, e.g. <c>%*PROGRAMS%/editor</c>).</summary>
    public string Default { get; init; } = "";
    /// <summary>Where the answer may lie (macros allowed, e.g. <c>%*PROGRAMS%</c> or <c>%BACKUPVOLUME%</c>); at least one.</summary>
    public IReadOnlyList<string> AllowedParents { get; init; } = [];
    public int MaximumLength { get; init; } = 260;
}
