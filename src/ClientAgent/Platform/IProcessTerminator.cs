namespace ClientAgent.Platform;

/// <summary>Ends the running processes of an installed application before it is uninstalled.</summary>
public interface IProcessTerminator
{
    /// <summary>
    /// Terminates every process whose executable (or script) is one of <paramref name="installedFiles"/> or whose
    /// name is one of <paramref name="processNames"/>.
    /// </summary>
    /// <returns>One description per process ended, e.g. <c>editor (pid 4242)</c>.</returns>
    Task<IReadOnlyList<string>> TerminateAsync(
        IReadOnlyCollection<string> installedFiles, IReadOnlyCollection<string> processNames, CancellationToken cancellationToken);
}
