namespace Portal.Data;

/// <summary>
/// How a machine search becomes an index range. A machine matches when its name, or its owner's email, starts with the
/// search text, ignoring the case of ASCII letters (names) or as ASP.NET Core Identity normalizes emails. Prefix ranges
/// (<c>key &gt;= text AND key &lt; text + U+10FFFF</c>, compared in byte order) read only the matching index entries, so
/// a search costs the same in a fleet of 100 or 100,000 machines; a "contains" search would read every row.
/// </summary>
public static class MachineSearchKey
{
    /// <summary>Above every character a name can continue with, in UTF-8 byte order.</summary>
    private const string Highest = "\U0010FFFF";

    /// <summary>The stored key of a machine name: ASCII letters upper-cased, everything else as is (SQLite's UPPER).</summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= 'a' and <= 'z' ? (char)(c - ('a' - 'A')) : c;
            }
        });
    }

    /// <summary>The key range of machine names starting with <paramref name="search"/>.</summary>
    public static (string From, string Before) NameRange(string search)
    {
        var key = Of(search.Trim());
        return (key, key + Highest);
    }

    /// <summary>The range of Identity-normalized emails starting with <paramref name="search"/>.</summary>
    public static (string From, string Before) EmailRange(string search)
    {
        var key = search.Trim().ToUpperInvariant();
        return (key, key + Highest);
    }
}
