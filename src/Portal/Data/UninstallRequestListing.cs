using Catalog.Jobs;

namespace Portal.Data;

/// <summary>An uninstall request with the names a list shows, read in one query.</summary>
public sealed record UninstallRequestListing(
    UninstallRequest Request, string MachineName, string ApplicationName, string ApplicationVersion, string UserEmail, string DeciderEmail);
