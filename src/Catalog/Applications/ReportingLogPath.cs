namespace Catalog.Applications;

/// <summary>
/// The text log a reporting policy names is a file inside the portal's logs folder: a relative path of plain
/// segments (no <c>..</c>, <c>.</c>, empty parts, <c>\</c>, <c>:</c> or control characters), so an administrator's
/// typo or a hostile import cannot make the portal append to <c>/etc/passwd</c>. The validator checks the text;
/// the writer confines the resolved path again with <see cref="Confine"/>.
/// </summary>
public static class ReportingLogPath
{
    public const int MaximumLength = 200;

    /// <summary>A sentence saying what is wrong with <paramref name="path"/>, or null (also for no path).</summary>
    public static string? FindProblem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        if (path.Length > MaximumLength)
        {
            return $"The log file path is {path.Length} characters; the maximum is {MaximumLength}";
        }

        if (path.Any(c => char.IsControl(c) || c is '\\' or ':'))
        {
            return $"The log file path '{path}' may not contain control characters, '\\' or ':'";
        }

        if (path.StartsWith('/'))
        {
            return $"The log file path '{path}' must be relative to the portal's logs folder, not absolute";
        }

        return path.Split('/').Any(segment => segment.Trim() is "" or "." or "..")
            ? $"The log file path '{path}' may not contain '.', '..' or empty parts; it names a file inside the logs folder"
            : null;
    }

    /// <summary>The full path of <paramref name="path"/> inside <paramref name="logsDirectory"/>, or null when it would leave it.</summary>
    public static string? Confine(string logsDirectory, string path)
    {
        if (FindProblem(path) is not null || string.IsNullOrEmpty(path))
        {
            return null;
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(logsDirectory));
        var full = Path.GetFullPath(Path.Combine(root, path));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
