using Catalog.Jobs;

namespace Portal.Data;

/// <summary>A job with the names a list shows, read in one query by key (never by loading machines or applications).</summary>
public sealed record JobListing(Job Job, string MachineName, string ApplicationName, string ApplicationVersion);
