namespace Catalog.Jobs;

public enum JobEventLevel
{
    Info,
    Warning,
    Error,
    Output,
}
