using System.Globalization;

namespace Portal.Reporting.Snmp;

/// <summary>An ASN.1 object identifier in dotted form (<c>1.3.6.1.4.1.32473.1</c>), checked once when it is made.</summary>
public sealed record ObjectIdentifier
{
    private ObjectIdentifier(IReadOnlyList<uint> arcs) => Arcs = arcs;

    public IReadOnlyList<uint> Arcs { get; }

    public static ObjectIdentifier Parse(string text) =>
        TryParse(text, out var identifier, out var problem) ? identifier! : throw new FormatException(problem);

    public static bool TryParse(string? text, out ObjectIdentifier? identifier, out string problem)
    {
        identifier = null;
        var parts = (text ?? "").Trim().TrimStart('.').Split('.');
        var arcs = new List<uint>(parts.Length);
        foreach (var part in parts)
        {
            if (!uint.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var arc))
            {
                problem = $"'{text}' is not an object identifier: '{part}' is not a number from 0 to {uint.MaxValue}";
                return false;
            }

            arcs.Add(arc);
        }

        if (arcs.Count < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40))
        {
            problem = $"'{text}' is not an object identifier: it needs at least two arcs, the first 0, 1 or 2 (and the second below 40 unless the first is 2)";
            return false;
        }

        identifier = new ObjectIdentifier(arcs);
        problem = "";
        return true;
    }

    /// <summary>This identifier followed by <paramref name="more"/> arcs.</summary>
    public ObjectIdentifier Append(params uint[] more) => new([.. Arcs, .. more]);

    public override string ToString() => string.Join('.', Arcs.Select(a => a.ToString(CultureInfo.InvariantCulture)));

    public bool Equals(ObjectIdentifier? other) => other is not null && Arcs.SequenceEqual(other.Arcs);

    public override int GetHashCode() => Arcs.Aggregate(17, (hash, arc) => HashCode.Combine(hash, arc));
}
