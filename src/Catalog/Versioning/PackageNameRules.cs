namespace Catalog.Versioning;

/// <summary>Rules for application names and versions; each check returns a sentence naming the fault, or null when valid.</summary>
public static class PackageNameRules
{
    public const int MaximumNameLength = 100;
    public const int MaximumVersionLength = 50;

    private static readonly char[] PathCharacters = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>
    /// A name is 1–100 characters of letters, digits, spaces and <c>. - _ +</c>, starts with a letter or digit,
    /// does not end with a space or dot, and contains no path characters.
    /// </summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "A name is required";
        }

        if (name.Length > MaximumNameLength)
        {
            return $"The name is {name.Length} characters; the maximum is {MaximumNameLength}";
        }

        if (!char.IsLetterOrDigit(name[0]))
        {
            return $"The name '{name}' must start with a letter or digit";
        }

        foreach (var c in name)
        {
            if (Array.IndexOf(PathCharacters, c) >= 0)
            {
                return $"The name '{name}' contains '{c}', which is not allowed (no path characters)";
            }

            if (char.IsControl(c))
            {
                return $"The name '{name}' contains a control character (U+{(int)c:X4}), which is not allowed";
            }

            if (!char.IsLetterOrDigit(c) && c is not (' ' or '.' or '-' or '_' or '+'))
            {
                return $"The name '{name}' contains '{c}', which is not allowed; use letters, digits, spaces and . - _ +";
            }
        }

        if (name[^1] is ' ' or '.')
        {
            return $"The name '{name}' must not end with a space or '.'";
        }

        return null;
    }

    /// <summary>A version is required, at most 50 characters, and parses as a <see cref="DottedVersion"/>.</summary>
    public static string? ValidateVersion(string? version)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            return "A version is required";
        }

        if (version.Length > MaximumVersionLength)
        {
            return $"The version is {version.Length} characters; the maximum is {MaximumVersionLength}";
        }

        if (version != version.Trim())
        {
            return $"The version '{version}' must not start or end with a space";
        }

        return DottedVersion.TryParse(version, out _, out var error) ? null : error;
    }
}
