using System.Globalization;
using System.Text;
using Catalog.Events;

namespace Portal.Administration;

/// <summary>Reported events as CSV (RFC 4180: comma separated, CRLF, fields quoted when needed), one row per event.</summary>
public static class EventCsv
{
    public static readonly string[] Columns =
        ["id", "type", "at", "user", "machine", "machineId", "machineAddress", "application", "applicationId", "version", "jobId", "message"];

    public static string Write(IEnumerable<ReportedEvent> events)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns)).Append("\r\n");
        foreach (var e in events)
        {
            string?[] fields =
            [
                e.Id.ToString(CultureInfo.InvariantCulture),
                e.Type.ToString(),
                e.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                e.User,
                e.Machine,
                e.MachineId?.ToString("D"),
                e.MachineAddress,
                e.ApplicationName,
                e.ApplicationId?.ToString("D"),
                e.Version,
                e.JobId?.ToString("D"),
                e.Message,
            ];
            text.Append(string.Join(',', fields.Select(Quote))).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Quote(string? field)
    {
        field ??= "";
        // A leading = + - @ would be run as a formula by spreadsheet programs: prefix a quote so it stays text.
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@')
        {
            field = "'" + field;
        }

        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
    }
}
