namespace ClientAgent.Engine;

/// <summary>
/// An INI/config file edited line by line: comments, blank lines, order, spacing around <c>=</c>, line endings and the
/// final newline are kept, so setting a value and setting it back restores the file byte for byte. Section and key
/// names compare case-insensitively; keys before the first <c>[section]</c> belong to section <c>""</c>.
/// </summary>
public sealed class IniFile
{
    private readonly List<string> _lines;
    private readonly string _newline;
    private readonly bool _finalNewline;

    private IniFile(List<string> lines, string newline, bool finalNewline)
    {
        _lines = lines;
        _newline = newline;
        _finalNewline = finalNewline;
    }

    public static IniFile Parse(string text)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var finalNewline = text.Length == 0 || text.EndsWith('\n');
        var body = finalNewline && text.Length > 0 ? text[..^newline.Length] : text;
        var lines = body.Length == 0 && text.Length == 0 ? [] : body.Split(newline).ToList();
        return new IniFile(lines, newline, finalNewline);
    }

    /// <summary>Reads <paramref name="path"/> (empty when missing), remembering a UTF-8 byte-order mark so <see cref="Save"/> writes it back.</summary>
    public static IniFile Load(string path)
    {
        if (!File.Exists(path))
        {
            return Parse("");
        }

        var bytes = File.ReadAllBytes(path);
        var bom = bytes.AsSpan().StartsWith(Utf8Bom);
        var ini = Parse(new System.Text.UTF8Encoding(false).GetString(bom ? bytes[Utf8Bom.Length..] : bytes));
        ini._bom = bom;
        return ini;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private bool _bom;

    public override string ToString()
    {
        var text = string.Join(_newline, _lines);
        return _finalNewline && _lines.Count > 0 ? text + _newline : text;
    }

    /// <summary>Writes the text, with the UTF-8 byte-order mark the file had when it was loaded.</summary>
    public void Save(string path) => File.WriteAllText(path, ToString(), new System.Text.UTF8Encoding(_bom));

    public bool HasSection(string section) => section.Length == 0 || FindSection(section) >= 0;

    public string? Get(string section, string key)
    {
        var index = FindKey(section, key);
        return index < 0 ? null : ValueOf(_lines[index]);
    }

    /// <summary>Sets a value: rewrites the key's line keeping its spacing, or adds the key (and the section) at its end.</summary>
    public void Set(string section, string key, string value)
    {
        var index = FindKey(section, key);
        if (index >= 0)
        {
            var line = _lines[index];
            var equals = line.IndexOf('=');
            var valueStart = equals + 1;
            while (valueStart < line.Length && line[valueStart] is ' ' or '\t')
            {
                valueStart++;
            }

            _lines[index] = line[..valueStart] + value;
            return;
        }

        var (start, end) = SectionRange(section);
        if (start < 0)
        {
            _lines.Add($"[{section}]");
            _lines.Add($"{key}={value}");
            return;
        }

        var insertAt = end;
        while (insertAt > start && string.IsNullOrWhiteSpace(_lines[insertAt - 1]))
        {
            insertAt--;
        }

        _lines.Insert(insertAt, $"{key}={value}");
    }

    public bool Remove(string section, string key)
    {
        var index = FindKey(section, key);
        if (index < 0)
        {
            return false;
        }

        _lines.RemoveAt(index);
        return true;
    }

    /// <summary>Removes a section header that has nothing but blank lines under it.</summary>
    public bool RemoveSectionIfEmpty(string section)
    {
        var (start, end) = SectionRange(section);
        if (section.Length == 0 || start < 0 || Enumerable.Range(start, end - start).Any(i => !string.IsNullOrWhiteSpace(_lines[i])))
        {
            return false;
        }

        _lines.RemoveRange(start - 1, end - start + 1);
        return true;
    }

    /// <summary>True when the file holds nothing but blank lines.</summary>
    public bool IsEmpty => _lines.All(string.IsNullOrWhiteSpace);

    private int FindSection(string section)
    {
        for (var i = 0; i < _lines.Count; i++)
        {
            if (SectionName(_lines[i]) is { } name && string.Equals(name, section, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Lines [start, end) under the section's header (start = first line after it); start -1 when absent.</summary>
    private (int Start, int End) SectionRange(string section)
    {
        var start = 0;
        if (section.Length > 0)
        {
            var header = FindSection(section);
            if (header < 0)
            {
                return (-1, -1);
            }

            start = header + 1;
        }

        var end = start;
        while (end < _lines.Count && SectionName(_lines[end]) is null)
        {
            end++;
        }

        return (start, end);
    }

    private int FindKey(string section, string key)
    {
        var (start, end) = SectionRange(section);
        for (var i = Math.Max(start, 0); start >= 0 && i < end; i++)
        {
            if (KeyOf(_lines[i]) is { } name && string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? SectionName(string line)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith('[') && trimmed.EndsWith(']') ? trimmed[1..^1].Trim() : null;
    }

    private static string? KeyOf(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] is ';' or '#' or '[')
        {
            return null;
        }

        var equals = trimmed.IndexOf('=');
        return equals <= 0 ? null : trimmed[..equals].Trim();
    }

    private static string ValueOf(string line) => line[(line.IndexOf('=') + 1)..].Trim();
}
