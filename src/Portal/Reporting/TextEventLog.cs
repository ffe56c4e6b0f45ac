using System.Collections.Concurrent;
using System.Globalization;
using Catalog.Events;
using Microsoft.Extensions.Options;

using Portal.AgentLink;

namespace Portal.Reporting;

/// <summary>
/// Appends one tab-separated line per event to a text log file. Several applications may share a file: writes to one
/// path are serialized. A relative path is under <c>&lt;DataDirectory&gt;/logs</c>.
/// </summary>
public sealed class TextEventLog(IOptions<AgentLinkOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>The file inside the logs folder; throws when <paramref name="path"/> would leave it (checked again here, not only on save).</summary>
    public string Resolve(string path) =>
        Catalog.Applications.ReportingLogPath.Confine(Path.Combine(options.Value.DataDirectory, "logs"), path)
        ?? throw new InvalidOperationException($"The text log path '{path}' is not a file inside the logs folder; the event was not written to it.");

    public async Task AppendAsync(string path, ReportedEvent reported, CancellationToken cancellationToken)
    {
        var fullPath = Resolve(path);
        var gate = _locks.GetOrAdd(fullPath, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            await File.AppendAllTextAsync(fullPath, FormatLine(reported) + "\n", cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>time, type, user, machine, address, application, application id, version, message — tab-separated.</summary>
    public static string FormatLine(ReportedEvent reported) => string.Join('\t',
        reported.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        reported.Type,
        Clean(reported.User),
        Clean(reported.Machine),
        Clean(reported.MachineAddress),
        Clean(reported.ApplicationName),
        reported.ApplicationId?.ToString("D") ?? "",
        Clean(reported.Version),
        Clean(reported.Message));

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
