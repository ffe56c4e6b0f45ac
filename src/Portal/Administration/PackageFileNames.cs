namespace Portal.Administration;

/// <summary>Turns a client's file name into a bare, safe one for display and staging.</summary>
public static class PackageFileNames
{
    public const string Default = "package.zip";

    public static string Sanitize(string? fileName)
    {
        var bare = Path.GetFileName((fileName ?? "").Replace('\\', '/').Split('/')[^1]).Trim();
        var safe = new string(bare.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '+' or ' ' ? c : '_').ToArray()).Trim('.', ' ');
        if (safe.Length > 100)
        {
            safe = safe[^100..];
        }

        return safe.Length == 0 ? Default : safe;
    }
}
