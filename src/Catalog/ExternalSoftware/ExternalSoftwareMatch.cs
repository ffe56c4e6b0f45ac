using Catalog.Machines;

namespace Catalog.ExternalSoftware;

/// <summary>An external-software list entry and the installed software on a machine that satisfies it.</summary>
public sealed record ExternalSoftwareMatch(ExternalSoftwareEntry Entry, InstalledSoftware Installed);
