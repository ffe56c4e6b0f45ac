namespace Catalog.Events;

[Flags]
public enum ReportingDestinations
{
    None = 0,
    Database = 1,
    TextLog = 2,
    XmlHttp = 4,
}
