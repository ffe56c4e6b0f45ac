using System.Diagnostics.CodeAnalysis;

namespace Catalog.Versioning;

/// <summary>
/// A version made of dotted numeric parts of any count (<c>1.2.10</c>), an optional pre-release tag after
/// <c>-</c> (<c>1.0.0-beta.2</c>) and optional build metadata after <c>+</c>, which is ignored.
/// Missing parts count as zero (<c>1.2 == 1.2.0</c>); pre-releases follow semver precedence
/// (<c>1.0.0-beta.2 &lt; 1.0.0-beta.10 &lt; 1.0.0-rc.1 &lt; 1.0.0</c>).
/// </summary>
public sealed class DottedVersion : IComparable<DottedVersion>, IEquatable<DottedVersion>, IComparable, IParsable<DottedVersion>
{
    private readonly long[] _parts;
    private readonly string[] _preRelease;
    private readonly string _text;

    private DottedVersion(long[] parts, string[] preRelease, string? buildMetadata, string text)
    {
        _parts = parts;
        _preRelease = preRelease;
        BuildMetadata = buildMetadata;
        _text = text;
    }

    /// <summary>The numeric parts as written (trailing zeros kept).</summary>
    public IReadOnlyList<long> Parts => _parts;

    /// <summary>The dot-separated pre-release identifiers; empty for a release.</summary>
    public IReadOnlyList<string> PreRelease => _preRelease;

    /// <summary>Build metadata after <c>+</c>; never part of comparisons.</summary>
    public string? BuildMetadata { get; }

    public bool IsPreRelease => _preRelease.Length > 0;

    /// <summary>Parses <paramref name="text"/> or throws a <see cref="FormatException"/> that says what is wrong.</summary>
    public static DottedVersion Parse(string? text) =>
        TryParse(text, out var version, out var error) ? version : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out DottedVersion? version) =>
        TryParse(text, out version, out _);

    static DottedVersion IParsable<DottedVersion>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<DottedVersion>.TryParse(
        [NotNullWhen(true)] string? s,
        IFormatProvider? provider,
        [MaybeNullWhen(false)] out DottedVersion result) =>
        TryParse(s, out result, out _);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> is a sentence naming the fault.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out DottedVersion? version,
        [NotNullWhen(false)] out string? error)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"'{text}' is not a valid version: it is empty";
            return false;
        }

        var trimmed = text.Trim();
        var rest = trimmed;
        string? build = null;
        var plus = rest.IndexOf('+');
        if (plus >= 0)
        {
            build = rest[(plus + 1)..];
            rest = rest[..plus];
            if (!IsIdentifierList(build, out var buildError))
            {
                error = $"'{trimmed}' is not a valid version: build metadata {buildError}";
                return false;
            }
        }

        string[] preRelease = [];
        var dash = rest.IndexOf('-');
        if (dash >= 0)
        {
            var tag = rest[(dash + 1)..];
            rest = rest[..dash];
            if (!IsIdentifierList(tag, out var tagError))
            {
                error = $"'{trimmed}' is not a valid version: pre-release tag {tagError}";
                return false;
            }

            preRelease = tag.Split('.');
        }

        var pieces = rest.Split('.');
        var parts = new long[pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            if (piece.Length == 0)
            {
                error = $"'{trimmed}' is not a valid version: empty part at position {i + 1}";
                return false;
            }

            if (!piece.All(char.IsAsciiDigit))
            {
                error = $"'{trimmed}' is not a valid version: part {i + 1} ('{piece}') is not a number";
                return false;
            }

            if (!long.TryParse(piece, out parts[i]))
            {
                error = $"'{trimmed}' is not a valid version: part {i + 1} ('{piece}') is too large";
                return false;
            }
        }

        version = new DottedVersion(parts, preRelease, build, trimmed);
        error = null;
        return true;
    }

    /// <summary>
    /// Reads the version at the start of text reported by a machine (OS or file versions such as
    /// <c>10.0.19041.1 (WinBuild.160101.0800)</c> or <c>v2.1</c>): a leading <c>v</c> and anything after the first
    /// space are ignored.
    /// </summary>
    public static bool TryParseReported([NotNullWhen(true)] string? text, [NotNullWhen(true)] out DottedVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var space = trimmed.IndexOfAny([' ', '\t']);
        if (space > 0)
        {
            trimmed = trimmed[..space];
        }

        if (trimmed.Length > 1 && trimmed[0] is 'v' or 'V' && char.IsAsciiDigit(trimmed[1]))
        {
            trimmed = trimmed[1..];
        }

        return TryParse(trimmed, out version, out _);
    }

    public int CompareTo(DottedVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var count = Math.Max(_parts.Length, other._parts.Length);
        for (var i = 0; i < count; i++)
        {
            var mine = i < _parts.Length ? _parts[i] : 0;
            var theirs = i < other._parts.Length ? other._parts[i] : 0;
            if (mine != theirs)
            {
                return mine < theirs ? -1 : 1;
            }
        }

        // A release ranks above any of its pre-releases.
        if (_preRelease.Length == 0 || other._preRelease.Length == 0)
        {
            return other._preRelease.Length.CompareTo(0) - _preRelease.Length.CompareTo(0);
        }

        var shared = Math.Min(_preRelease.Length, other._preRelease.Length);
        for (var i = 0; i < shared; i++)
        {
            var order = CompareIdentifier(_preRelease[i], other._preRelease[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return _preRelease.Length.CompareTo(other._preRelease.Length);
    }

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        DottedVersion other => CompareTo(other),
        _ => throw new ArgumentException($"Cannot compare a version with {obj.GetType().Name}.", nameof(obj)),
    };

    public bool Equals(DottedVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is DottedVersion other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        var significant = _parts.Length;
        while (significant > 0 && _parts[significant - 1] == 0)
        {
            significant--;
        }

        for (var i = 0; i < significant; i++)
        {
            hash.Add(_parts[i]);
        }

        foreach (var identifier in _preRelease)
        {
            hash.Add(identifier, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The text as parsed (trimmed), build metadata included.</summary>
    public override string ToString() => _text;

    public static bool operator ==(DottedVersion? left, DottedVersion? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(DottedVersion? left, DottedVersion? right) => !(left == right);

    public static bool operator <(DottedVersion? left, DottedVersion? right) => Compare(left, right) < 0;

    public static bool operator >(DottedVersion? left, DottedVersion? right) => Compare(left, right) > 0;

    public static bool operator <=(DottedVersion? left, DottedVersion? right) => Compare(left, right) <= 0;

    public static bool operator >=(DottedVersion? left, DottedVersion? right) => Compare(left, right) >= 0;

    private static int Compare(DottedVersion? left, DottedVersion? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private static int CompareIdentifier(string left, string right)
    {
        var leftNumeric = left.All(char.IsAsciiDigit);
        var rightNumeric = right.All(char.IsAsciiDigit);
        if (leftNumeric && rightNumeric)
        {
            // Compare digit strings of any length without overflow: shorter (after leading zeros) is smaller.
            var a = left.TrimStart('0');
            var b = right.TrimStart('0');
            return a.Length != b.Length ? a.Length.CompareTo(b.Length) : Math.Sign(string.CompareOrdinal(a, b));
        }

        // Numeric identifiers rank below alphanumeric ones.
        if (leftNumeric != rightNumeric)
        {
            return leftNumeric ? -1 : 1;
        }

        return Math.Sign(string.CompareOrdinal(left, right));
    }

    private static bool IsIdentifierList(string text, [NotNullWhen(false)] out string? error)
    {
        if (text.Length == 0)
        {
            error = "is empty";
            return false;
        }

        var identifiers = text.Split('.');
        for (var i = 0; i < identifiers.Length; i++)
        {
            var identifier = identifiers[i];
            if (identifier.Length == 0)
            {
                error = $"has an empty identifier at position {i + 1}";
                return false;
            }

            var bad = identifier.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) && c != '-');
            if (bad != default)
            {
                error = $"contains '{bad}'; only letters, digits, '-' and '.' are allowed";
                return false;
            }
        }

        error = null;
        return true;
    }
}
