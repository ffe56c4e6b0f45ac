using System.Globalization;
using System.Text;

namespace Catalog.Macros;

/// <summary>
/// Characters a prompt answer may not contain. Every answer refuses invisible characters (controls, format and bidi
/// controls such as U+200B or U+202E, line and paragraph separators such as U+2028, private-use, unassigned and
/// broken surrogates). Paths refuse, in addition, characters that look like a separator or a dot (U+2215, U+FF0F,
/// U+2024 ...), the full-width forms of ASCII and any space other than U+0020, so what a user or an administrator
/// reads is what the agent uses. The checks work on code points, without normalisation (the agent runs in
/// globalization-invariant mode, where normalisation does nothing for non-ASCII text).
/// </summary>
public static class AnswerCharacters
{
    private static readonly HashSet<int> SeparatorLookAlikes =
    [
        0x2215, 0x2044, 0x29F8, 0x29F5, 0x29F9, 0x2216, 0x2571, 0x2572, 0x3033, 0xFE68, 0x1735, 0x2CC6, 0x2F03, 0x27CB, 0x27CD,
        0x2024, 0x2025, 0x2026, 0x3002, 0xFE52, 0xFF61, 0x0701, 0x0702, 0xA60E, 0x10A50, 0x2E31, 0x2E33, 0x00B7, 0x2027,
    ];

    /// <summary>A sentence naming the first invisible character in <paramref name="value"/>, or null.</summary>
    public static string? FindInvisible(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var index = 0;
        while (index < value.Length)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(index), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return $"a broken character at position {index + 1}";
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.Surrogate)
            {
                return $"an invisible character (U+{rune.Value:X4}) at position {index + 1}";
            }

            index += consumed;
        }

        return null;
    }

    /// <summary>
    /// A sentence naming the first character that has no place in a path: invisible, a look-alike of <c>/ \ .</c>,
    /// a full-width ASCII form, or a space other than U+0020. Null when the path is plain.
    /// </summary>
    public static string? FindUnsafeInPath(string value)
    {
        if (FindInvisible(value) is { } invisible)
        {
            return invisible;
        }

        var index = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (SeparatorLookAlikes.Contains(rune.Value) || rune.Value is >= 0xFF01 and <= 0xFF5E
                || (Rune.IsWhiteSpace(rune) && rune.Value != ' '))
            {
                return $"a character that looks like another one (U+{rune.Value:X4}) at position {index + 1}";
            }

            index += rune.Utf16SequenceLength;
        }

        return null;
    }
}
