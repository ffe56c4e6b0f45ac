namespace ClientAgent.Connection;

/// <summary>
/// The portal nodes this agent may talk to, in failover order, and the one it is connected to now. Connecting tries
/// the current node first and then the others in order; enrollment and package downloads use the current node, and
/// only these addresses ever receive the agent's credential.
/// </summary>
public sealed class PortalAddresses
{
    private readonly Uri[] _all;
    private int _current;

    public PortalAddresses(IEnumerable<Uri> portals)
    {
        ArgumentNullException.ThrowIfNull(portals);
        _all = portals.Select(Root).Distinct().ToArray();
        if (_all.Length == 0)
        {
            throw new ArgumentException("At least one portal address is needed.", nameof(portals));
        }
    }

    public IReadOnlyList<Uri> All => _all;

    /// <summary>The node the agent is connected to, or will try first.</summary>
    public Uri Current => _all[Volatile.Read(ref _current)];

    /// <summary>Every address, starting with the current one and wrapping around.</summary>
    public IEnumerable<Uri> InFailoverOrder()
    {
        var start = Volatile.Read(ref _current);
        for (var i = 0; i < _all.Length; i++)
        {
            yield return _all[(start + i) % _all.Length];
        }
    }

    /// <summary>The agent connected to <paramref name="portal"/>: downloads and the next reconnect start there.</summary>
    public void MarkCurrent(Uri portal)
    {
        var index = Array.IndexOf(_all, Root(portal));
        if (index >= 0)
        {
            Volatile.Write(ref _current, index);
        }
    }

    /// <summary>Whether <paramref name="uri"/> points at one of these portals (same scheme, host and port).</summary>
    public bool Contains(Uri uri) => _all.Any(portal =>
        Uri.Compare(uri, portal, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);

    /// <summary>Parses <c>--portal</c> values: each must be an absolute http(s) address.</summary>
    /// <exception cref="InvalidOperationException">One is not; the message names it.</exception>
    public static IReadOnlyList<Uri> Parse(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var parsed = new List<Uri>();
        foreach (var value in values.Where(v => !string.IsNullOrWhiteSpace(v)))
        {
            if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"--portal must be an http(s) address, not '{value}'.");
            }

            parsed.Add(Root(uri));
        }

        return parsed;
    }

    private static Uri Root(Uri portal) => portal.AbsoluteUri.EndsWith('/') ? portal : new Uri(portal.AbsoluteUri + "/");
}
