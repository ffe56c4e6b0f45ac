using Catalog.Applications;
using Portal.Data;

namespace Portal.Administration;

/// <summary>The outcome of a package upload: the application now pointing at the package, and the stored package's metadata.</summary>
public sealed record UploadedPackage(Application Application, StoredPackage Package);
