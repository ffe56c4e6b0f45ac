using System.Text;
using System.Text.RegularExpressions;

namespace ClientAgent.Capture;

/// <summary>
/// A path glob: <c>*</c> matches within one path segment, <c>**</c> across segments, <c>?</c> one character.
/// A pattern starting with <c>/</c> is matched against the whole absolute path; any other pattern may match the
/// path's tail at a segment boundary (<c>*.log</c> matches <c>/var/app/x.log</c>). A pattern that matches a
/// directory also covers everything under it.
/// </summary>
public sealed class GlobPattern
{
    private readonly Regex _regex;

    public GlobPattern(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new CaptureException("An --exclude pattern is empty");
        }

        Pattern = pattern;
        var body = new StringBuilder(pattern.StartsWith('/') ? "^" : "^(?:.*/)?");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '/' && i == pattern.Length - 3 && pattern.EndsWith("/**", StringComparison.Ordinal))
            {
                break; // "dir/**" covers the directory itself too (the suffix below matches anything beneath)
            }

            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                body.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                body.Append("[^/]*");
            }
            else if (c == '?')
            {
                body.Append("[^/]");
            }
            else
            {
                body.Append(Regex.Escape(c.ToString()));
            }
        }

        body.Append("(?:/.*)?$");
        _regex = new Regex(body.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public string Pattern { get; }

    /// <summary>Whether <paramref name="path"/> (absolute, forward slashes) or one of its parent directories matches.</summary>
    public bool Matches(string path) => _regex.IsMatch(path);

    public override string ToString() => Pattern;
}
