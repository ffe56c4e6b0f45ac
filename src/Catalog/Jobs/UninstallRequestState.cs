namespace Catalog.Jobs;

public enum UninstallRequestState
{
    Pending,
    Approved,
    Denied,
    Cancelled,
}
