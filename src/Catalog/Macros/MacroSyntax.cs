namespace Catalog.Macros;

/// <summary>
/// Splits text into literals and <c>%NAME%</c> references. <c>%%</c> is a literal percent. A name is letters,
/// digits and <c>_ . - ( )</c>, optionally after a leading <c>*</c> for special macros.
/// </summary>
public static class MacroSyntax
{
    /// <summary>Throws <see cref="MacroException"/> for a <c>%</c> that opens no valid reference.</summary>
    public static IReadOnlyList<MacroToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<MacroToken>();
        var literal = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '%')
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '%')
            {
                literal.Append('%');
                i += 2;
                continue;
            }

            var close = text.IndexOf('%', i + 1);
            var name = close < 0 ? "" : text[(i + 1)..close];
            if (close < 0 || !IsValidReferenceName(name))
            {
                throw new MacroException(
                    $"Unmatched '%' at position {i + 1} in '{text}'; write %% for a literal percent");
            }

            if (literal.Length > 0)
            {
                tokens.Add(new MacroToken(false, literal.ToString()));
                literal.Clear();
            }

            tokens.Add(new MacroToken(true, name));
            i = close + 1;
        }

        if (literal.Length > 0)
        {
            tokens.Add(new MacroToken(false, literal.ToString()));
        }

        return tokens;
    }

    /// <summary>The names referenced by <paramref name="text"/>, in order of appearance (duplicates kept).</summary>
    public static IReadOnlyList<string> References(string text) =>
        Tokenize(text).Where(t => t.IsReference).Select(t => t.Text).ToList();

    /// <summary>Whether <paramref name="name"/> may appear between percent signs.</summary>
    public static bool IsValidReferenceName(string name)
    {
        var body = name.StartsWith('*') ? name[1..] : name;
        return body.Length > 0 && body.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '(' or ')');
    }

    /// <summary>Whether <paramref name="name"/> is valid for an application's own macro: <c>[A-Za-z0-9_]+</c>.</summary>
    public static bool IsValidDefinitionName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
