using Catalog.Machines;

namespace Catalog.Macros;

/// <summary>
/// The confinement rule of a <see cref="PromptedFolderMacro"/>, on expanded text: the folder must be absolute, free of
/// <c>.</c>/<c>..</c>/empty segments and look-alike characters, and strictly inside one of the expanded allowed
/// parents. The portal applies it to the answer; the agent applies it again, then checks the real file system.
/// </summary>
public static class FolderPrompts
{
    /// <summary>
    /// The end of a sentence that starts with "The answer to "prompt"" (e.g. "must be a folder inside /opt"), or
    /// null when <paramref name="folder"/> is acceptable.
    /// </summary>
    public static string? FindProblem(PromptedFolderMacro macro, string folder, IReadOnlyList<string> allowedParents, OsFamily os)
    {
        ArgumentNullException.ThrowIfNull(macro);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(allowedParents);
        if (allowedParents.Count == 0)
        {
            return "cannot be used: the administrator listed no allowed locations";
        }

        var inside = "must be a folder inside " + string.Join(" or ", allowedParents);
        if (string.IsNullOrWhiteSpace(folder))
        {
            return "is empty; it " + inside;
        }

        if (AnswerCharacters.FindUnsafeInPath(folder) is { } unsafeCharacter)
        {
            return $"contains {unsafeCharacter}, which is not allowed in a folder";
        }

        if (FolderPaths.Canonical(folder) is null)
        {
            return FolderPaths.IsAbsolute(folder)
                ? $"may not contain '.', '..' or empty parts ('{folder}'); it {inside}"
                : $"'{folder}' is not a full path; it {inside}";
        }

        var windows = os == OsFamily.Windows;
        return allowedParents.Any(parent => FolderPaths.IsStrictlyInside(folder, parent, windows))
            ? null
            : $"{inside}; '{folder}' is not";
    }

    /// <summary>The first allowed parent that contains <paramref name="folder"/>, or null.</summary>
    public static string? ParentOf(string folder, IReadOnlyList<string> allowedParents, OsFamily os) =>
        allowedParents.FirstOrDefault(parent => FolderPaths.IsStrictlyInside(folder, parent, os == OsFamily.Windows));
}
