using System.Globalization;
using System.Xml.Linq;
using Catalog.Events;

namespace Portal.Reporting;

/// <summary>
/// The XML body POSTed for an event (documented in docs/agent-link.md):
/// <c>&lt;Event xmlns="urn:selfservice-portal:event:1"&gt;&lt;Type&gt;…&lt;/Type&gt;&lt;Time&gt;…&lt;/Time&gt;…&lt;/Event&gt;</c>.
/// </summary>
public static class XmlEventFormat
{
    public static readonly XNamespace Namespace = "urn:selfservice-portal:event:1";

    public static string Format(ReportedEvent reported)
    {
        var element = new XElement(Namespace + "Event",
            new XElement(Namespace + "Type", reported.Type.ToString()),
            new XElement(Namespace + "Time", reported.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
            new XElement(Namespace + "User", reported.User),
            new XElement(Namespace + "Machine", reported.Machine),
            new XElement(Namespace + "MachineId", reported.MachineId?.ToString("D") ?? ""),
            new XElement(Namespace + "MachineAddress", reported.MachineAddress),
            new XElement(Namespace + "ApplicationName", reported.ApplicationName),
            new XElement(Namespace + "ApplicationId", reported.ApplicationId?.ToString("D") ?? ""),
            new XElement(Namespace + "Version", reported.Version),
            new XElement(Namespace + "JobId", reported.JobId?.ToString("D") ?? ""),
            new XElement(Namespace + "Message", reported.Message));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), element).Declaration + Environment.NewLine + element;
    }

    public static ReportedEvent Parse(string xml)
    {
        var root = XDocument.Parse(xml).Root ?? throw new FormatException("The event XML has no root element.");
        string Value(string name) => root.Element(Namespace + name)?.Value ?? "";
        Guid? Id(string name) => Guid.TryParse(Value(name), out var id) ? id : null;
        return new ReportedEvent
        {
            Type = Enum.Parse<EventType>(Value("Type")),
            At = DateTimeOffset.Parse(Value("Time"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            User = Value("User"),
            Machine = Value("Machine"),
            MachineId = Id("MachineId"),
            MachineAddress = Value("MachineAddress"),
            ApplicationName = Value("ApplicationName"),
            ApplicationId = Id("ApplicationId"),
            Version = Value("Version"),
            JobId = Id("JobId"),
            Message = Value("Message"),
        };
    }
}
